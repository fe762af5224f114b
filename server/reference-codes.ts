// Codes of régions and départements that name nothing are refused, not computed: `region=99` or a
// workshop condition on « 2C » would otherwise answer N = 0, a figure that says « no contract »
// where the truth is « no such place ». A place column holds only codes of its reference table
// (the ETL stores région and département as ENUM types of ref_regions and ref_departements, and
// derives the buyer's and titulaires' places by joining them), so a code outside that table can
// match no contract. The CPV divisions are not checked: the data hold divisions the reference
// lacks (« 74 », « 00 »), which a reader may rightly ask for. The walk of a definition's conditions
// below also holds fields of a closed list (`procedure`…) to it: closed-lists.ts.
import { duckdb } from "../indicators/compiler/dialect.ts";
import { REFERENCE_LABELS, type ReferenceName } from "../indicators/compiler/canonical.ts";
import { CONDITION_OPS } from "../indicators/compiler/condition-schema.ts";
import type { IndicatorDefinition, IndicatorRequest, Model } from "../indicators/index.ts";
import { unknownListedValues } from "./closed-lists.ts";
import type { Snapshot } from "./db.ts";
import type { ApiIssue } from "./errors.ts";
import { PerSnapshot } from "./per-snapshot.ts";

/** The lists of GET /api/filters that a reference's codes are offered from. */
export type FilterListName = "region" | "departement" | "cpv_division";

interface ReferenceList {
  /** Its list in GET /api/filters (the filter bar's, the workshop's choices). */
  list: FilterListName;
  /** Whether a code outside it is refused (see above); with the words that say so. */
  checked: { noun: string; nouns: string; one: string } | null;
}

/** The reference tables whose codes a reader chooses from a list, by reference name. */
export const REFERENCE_LISTS: Partial<Record<ReferenceName, ReferenceList>> = {
  regions: { list: "region", checked: { noun: "région", nouns: "régions", one: "une région" } },
  departements: {
    list: "departement",
    checked: { noun: "département", nouns: "départements", one: "un département" },
  },
  cpv_divisions: { list: "cpv_division", checked: null },
};

/** The reference a field's codes come from: that of the dimension grouping by the field. */
export function fieldReference(model: Model, field: string): ReferenceName | null {
  for (const dimension of model.dimensions.values()) {
    if (dimension.field === field && dimension.labelRef) return dimension.labelRef;
  }
  return null;
}

/** Each checked reference's codes, with their names, in one snapshot. */
export type KnownCodes = ReadonlyMap<ReferenceName, ReadonlyMap<string, string>>;

/** The checked references' codes of the served snapshot, read once per snapshot. */
export class SnapshotReferences {
  private readonly read = new PerSnapshot<KnownCodes>();

  of(snapshot: Snapshot): Promise<KnownCodes> {
    return this.read.of(snapshot, "codes", async (shared) => {
      const known = new Map<ReferenceName, ReadonlyMap<string, string>>();
      for (const [name, list] of Object.entries(REFERENCE_LISTS)) {
        if (!list.checked) continue;
        const ref = REFERENCE_LABELS[name as ReferenceName];
        // Identifiers from the engine's closed list of references, never from a request.
        const q = duckdb.quoteIdentifier;
        const rows = await shared.query(
          `SELECT ${q(ref.key)} AS code, ${q(ref.label)} AS label FROM ${q(ref.table)} ORDER BY 1`,
        );
        known.set(
          name as ReferenceName,
          new Map(rows.map((r) => [String(r.code), String(r.label)])),
        );
      }
      return known;
    });
  }
}

/** How a refusal is said: to an API caller (the list to read) or in a workshop box. */
export type CodeWords = "api" | "box";

function unknownIssue(
  ref: ReferenceName,
  codes: ReadonlyMap<string, string>,
  unknown: readonly string[],
  param: string,
  words: CodeWords,
): ApiIssue {
  const list = REFERENCE_LISTS[ref];
  const checked = list?.checked;
  if (!list || !checked) throw new Error(`reference ${ref} is not checked`);
  const shown = unknown.map((code) => `« ${code} »`).join(", ");
  const what =
    unknown.length > 1
      ? `Codes de ${checked.noun} inconnus : ${shown}.`
      : `Code de ${checked.noun} inconnu : ${shown}.`;
  const [code, label] = [...codes][0] ?? ["", ""];
  const hint =
    words === "box"
      ? `Choisissez ${checked.one} de la liste.`
      : `Les codes des ${checked.nouns} sont ceux de la liste « ${list.list} » de GET /api/filters (par exemple « ${code} » pour ${label}).`;
  return { code: "invalid_value", param, message: `${what} ${hint}` };
}

/** The codes of `values` that `ref`'s table does not hold, or null when it is not checked. */
function unknownOf(known: KnownCodes, ref: ReferenceName | null, values: readonly unknown[]) {
  const codes = ref ? known.get(ref) : undefined;
  if (!ref || !codes) return null;
  const unknown = values.filter((v): v is string => typeof v === "string" && !codes.has(v));
  return unknown.length > 0 ? { ref, codes, unknown } : null;
}

/**
 * The request's filters naming a code of no région or département, each at the parameter that
 * carried it (`params[i]` for `request.filters[i]`, else `filter`).
 */
export function unknownFilterCodes(
  model: Model,
  request: IndicatorRequest,
  params: readonly string[],
  known: KnownCodes,
  words: CodeWords,
): ApiIssue[] {
  return request.filters.flatMap((filter, i) => {
    const ref = model.dimensions.get(filter.dimension)?.labelRef ?? null;
    const found = unknownOf(known, ref, filter.values);
    if (!found) return [];
    return [unknownIssue(found.ref, found.codes, found.unknown, params[i] ?? "filter", words)];
  });
}

/**
 * The conditions of a definition (scope, a measure's `where`, at any depth) testing a field of
 * régions or départements against a code that names none, or a field of a closed list
 * (closed-lists.ts: `procedure`, `nature`…) against a value outside it, each at its box: the
 * list's (`definition.scope.and.1.values`), or the one value's (`definition.scope.value`).
 */
export function unknownConditionCodes(
  model: Model,
  definition: IndicatorDefinition,
  known: KnownCodes,
  prefix = "definition",
): ApiIssue[] {
  const issues: ApiIssue[] = [];
  const visit = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${path}.${i}`));
      return;
    }
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    const op = record.op;
    if (
      typeof record.field === "string" &&
      typeof op === "string" &&
      (CONDITION_OPS as readonly string[]).includes(op)
    ) {
      const ref = fieldReference(model, record.field);
      // A list's unknown codes are said together, under the list's box.
      const [key, values] = Array.isArray(record.values)
        ? ["values", record.values]
        : ["value", [record.value]];
      const at = `${path}.${key}`;
      const found = unknownOf(known, ref, values);
      const issue = found
        ? unknownIssue(found.ref, found.codes, found.unknown, at, "box")
        : unknownListedValues(model, record.field, values, at);
      if (issue) issues.push(issue);
    }
    for (const [key, value] of Object.entries(record)) {
      if (key !== "file") visit(value, `${path}.${key}`);
    }
  };
  visit(definition, prefix);
  return issues;
}

/** What a request names that the snapshot's references may not know, as issues (none: fine). */
export type CodeCheck = (known: KnownCodes) => ApiIssue[];
