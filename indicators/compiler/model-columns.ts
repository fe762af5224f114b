// Shared by the model's resolvers: table aliases, the issue collector, and column lookups
// against the canonical tables (canonical.ts).
import { CONTRACT_COLUMNS, isContractColumn, type ColumnType } from "./canonical.ts";
import type { Issue } from "./errors.ts";
import { column, type Expr } from "./sql-ast.ts";

export const CONTRACT_ALIAS = "c";
export const SUPPLIER_ALIAS = "s";

export class IssueSink {
  readonly issues: Issue[] = [];
  constructor(readonly file: string) {}

  add(path: string, message: string, code: Issue["code"] = "invalid_model"): void {
    this.issues.push({ code, file: this.file, path, message });
  }
}

export function contractColumn(name: string, path: string, sink: IssueSink): ColumnType | null {
  if (isContractColumn(name)) return CONTRACT_COLUMNS[name];
  sink.add(path, `unknown column "${name}" of table contracts`, "unknown_field");
  return null;
}

export function expectType(
  actual: ColumnType | null,
  allowed: readonly ColumnType[],
  path: string,
  sink: IssueSink,
): boolean {
  if (actual === null) return false;
  if (allowed.includes(actual)) return true;
  sink.add(path, `expected a ${allowed.join(" or ")} column, got ${actual}`, "type_mismatch");
  return false;
}

export const col = (name: string): Expr => column(CONTRACT_ALIAS, name);
