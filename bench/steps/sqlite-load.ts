// Copies what the indicators read from a DuckDB snapshot into a SQLite file, as someone serving
// decp.info-like pages from SQLite would hold it: one contracts table with the columns the model
// uses, the supplier rows, the label tables, and indexes on the columns such a site looks up
// (buyer, date, procedure, supplier rows by contract). Dates become ISO text, booleans 0/1 and
// lists JSON arrays: the forms the SQLite dialect (indicators/compiler/dialect-sqlite.ts) expects.
import type Database from "better-sqlite3";
import type { DuckDBConnection } from "@duckdb/node-api";
import {
  CONTRACT_COLUMNS,
  REFERENCE_LABELS,
  SUPPLIER_COLUMNS,
  TABLES,
  type ColumnType,
} from "../../indicators/compiler/canonical.ts";
import { CONTRACT_ALIAS, SUPPLIER_ALIAS } from "../../indicators/compiler/model-columns.ts";
import type { Model } from "../../indicators/index.ts";
import type { Expr, Pred } from "../../indicators/compiler/sql-ast.ts";

/** Column names of `table` that an expression tree reads. */
function columnsOf(node: Expr | Pred, table: string, out: Set<string>): void {
  const walk = (n: Expr | Pred) => columnsOf(n, table, out);
  switch (node.kind) {
    case "column":
      if (node.table === table) out.add(node.column);
      return;
    case "call":
      return node.args.forEach(walk);
    case "arith":
    case "compare":
      walk(node.left);
      return walk(node.right);
    case "case":
      node.branches.forEach((b) => (walk(b.when), walk(b.then)));
      return walk(node.otherwise);
    case "bool":
    case "coalesce":
      return walk(node.pred);
    case "in":
      walk(node.expr);
      return node.values.forEach(walk);
    case "is_null":
      return walk(node.expr);
    case "has_any":
      walk(node.list);
      return node.values.forEach(walk);
    case "and":
    case "or":
      return node.items.forEach(walk);
    case "not":
      return walk(node.item);
    case "truthy":
      return walk(node.expr);
    default:
      return;
  }
}

/** DuckDB text of a column as SQLite will hold it. */
function exported(name: string, type: ColumnType): string {
  const q = `"${name}"`;
  if (type === "date") return `strftime(${q}, '%Y-%m-%d') AS ${q}`;
  if (type === "boolean") return `CAST(${q} AS INTEGER) AS ${q}`;
  if (type === "string_list") return `CAST(to_json(${q}) AS VARCHAR) AS ${q}`;
  return q;
}

const SQLITE_TYPES: Record<ColumnType, string> = {
  string: "TEXT",
  integer: "INTEGER",
  number: "REAL",
  boolean: "INTEGER",
  date: "TEXT",
  string_list: "TEXT",
};

async function copyTable(
  duck: DuckDBConnection,
  lite: Database.Database,
  table: string,
  columns: [string, ColumnType][],
  primaryKey: string,
): Promise<number> {
  const list = columns.map(([name]) => `"${name}"`).join(", ");
  lite.exec(
    `CREATE TABLE "${table}" (${columns.map(([n, t]) => `"${n}" ${SQLITE_TYPES[t]}`).join(", ")}, PRIMARY KEY (${primaryKey}))`,
  );
  const insert = lite.prepare(
    `INSERT INTO "${table}" (${list}) VALUES (${columns.map(() => "?").join(", ")})`,
  );
  const insertMany = lite.transaction((rows: unknown[][]) => {
    for (const row of rows) insert.run(row);
  });
  // Streamed chunk by chunk: the whole table never sits in this process's memory.
  const result = await duck.stream(
    `SELECT ${columns.map(([n, t]) => exported(n, t)).join(", ")} FROM "${table}"`,
  );
  let count = 0;
  let batch: unknown[][] = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (const row of chunk.getRows()) batch.push(row);
    if (batch.length >= 50_000) {
      insertMany(batch);
      count += batch.length;
      batch = [];
    }
  }
  insertMany(batch);
  return count + batch.length;
}

/** Loads the snapshot's contracts, suppliers and labels into `lite`; returns the row counts. */
export async function loadSqlite(
  duck: DuckDBConnection,
  lite: Database.Database,
  model: Model,
): Promise<{ contracts: number; suppliers: number }> {
  const contractNames = new Set<string>(["uid", "titulaires_count"]);
  for (const field of model.fields.values()) columnsOf(field.expr, CONTRACT_ALIAS, contractNames);
  const supplierNames = new Set<string>(["uid", "position"]);
  for (const field of model.supplierFields.values())
    columnsOf(field.expr, SUPPLIER_ALIAS, supplierNames);
  const typed = <T extends Record<string, ColumnType>>(names: Set<string>, types: T) =>
    [...names].sort().map((n): [string, ColumnType] => [n, types[n as keyof T]]);

  lite.pragma("journal_mode = OFF");
  lite.pragma("synchronous = OFF");
  const contracts = await copyTable(
    duck,
    lite,
    TABLES.contracts,
    typed(contractNames, CONTRACT_COLUMNS),
    '"uid"',
  );
  const suppliers = await copyTable(
    duck,
    lite,
    TABLES.suppliers,
    typed(supplierNames, SUPPLIER_COLUMNS),
    '"uid", "position"',
  );
  for (const ref of Object.values(REFERENCE_LABELS)) {
    const columns: [string, ColumnType][] = [
      [ref.key, "string"],
      [ref.label, "string"],
    ];
    await copyTable(duck, lite, ref.table, columns, `"${ref.key}"`);
  }
  lite.exec(`
    CREATE INDEX contracts_buyer ON contracts (acheteur_id);
    CREATE INDEX contracts_date ON contracts (date_notification);
    CREATE INDEX contracts_procedure ON contracts (procedure);
    ANALYZE;`);
  return { contracts, suppliers };
}
