// The definition being built in the workshop: a plain object with the keys of a YAML file, the
// blank one an agent starts from, the defaults a kind of measure brings, and conditions read as a
// list of simple tests all of which must hold (what the form edits) and written back.

/**
 * A definition as the form holds it (loosely typed: the server checks it with the catalogue's
 * schema).
 * @typedef {string | number | boolean} Scalar
 * @typedef {{ field?: string, op?: string, value?: Scalar, values?: Scalar[], and?: Condition[], or?: Condition[], not?: Condition }} Condition
 * @typedef {{ field?: string, op?: string, value?: Scalar, values?: Scalar[] }} Leaf
 * @typedef {{ kind: string, field?: string, where?: Condition }} Part
 * @typedef {{ kind: string, field?: string, where?: Condition, numerator?: Part, denominator?: Part, dimension?: string, of?: Part }} Measure
 * A number box holds the text typed when it is not a number (the server says so under it).
 * @typedef {{ value?: number | string, year?: number | string, label?: string, source?: string }} Target
 * @typedef {{
 *   id: string, version: number, title: string, description: string, formula: string,
 *   unit: string, format: string, counting_unit: string, requires_format: string, min_n?: number | string,
 *   min_coverage?: number, polarity: string, scope?: Condition, requires_fields: string[],
 *   measure: Measure, breakdowns: string[], filters: string[], thresholds?: unknown,
 *   target?: Target, caveats: string[], source: { name: string, url?: string },
 *   theme?: string, rank?: number, pages?: unknown,
 * }} Draft
 */

/** Measures the form builds; the others (mix, top_share) are kept as they come. */
export const MEASURE_KINDS = [
  { kind: "count_distinct", label: "Nombre de marchés" },
  { kind: "ratio", label: "Part (marchés ou montants)" },
  { kind: "sum", label: "Somme d'un champ" },
  { kind: "avg", label: "Moyenne d'un champ" },
  { kind: "median", label: "Médiane d'un champ" },
  { kind: "min", label: "Minimum d'un champ" },
  { kind: "max", label: "Maximum d'un champ" },
];

/** What a kind of measure usually says: unit and format (the agent may change them). */
const KIND_DEFAULTS = /** @type {Record<string, { unit: string, format: string }>} */ ({
  count_distinct: { unit: "contracts", format: "integer" },
  ratio: { unit: "share", format: "percent" },
  sum: { unit: "euros", format: "euro" },
  avg: { unit: "euros", format: "decimal" },
  median: { unit: "euros", format: "decimal" },
  min: { unit: "euros", format: "decimal" },
  max: { unit: "euros", format: "decimal" },
});

/** @returns {Draft} */
export function blankDraft() {
  return {
    id: "mon_indicateur",
    version: 1,
    title: "",
    description: "",
    formula: "",
    unit: "contracts",
    format: "integer",
    counting_unit: "contract",
    requires_format: "any",
    min_n: 10,
    polarity: "neutral",
    requires_fields: [],
    measure: { kind: "count_distinct" },
    breakdowns: ["year"],
    filters: ["year"],
    caveats: [],
    source: { name: "" },
  };
}

/**
 * A new measure of this kind, keeping what can be kept of the previous one.
 * @param {string} kind
 * @param {Measure} previous
 * @returns {Measure}
 */
export function measureOfKind(kind, previous) {
  const field = typeof previous.field === "string" ? previous.field : "amount";
  if (kind === "count_distinct")
    return { kind, ...(previous.where ? { where: previous.where } : {}) };
  if (kind === "ratio") {
    return {
      kind,
      numerator: { kind: "count_distinct", ...(previous.where ? { where: previous.where } : {}) },
      denominator: { kind: "count_distinct" },
    };
  }
  return { kind, field, ...(previous.where ? { where: previous.where } : {}) };
}

/**
 * @param {Draft} draft
 * @param {string} kind
 */
export function applyKindDefaults(draft, kind) {
  const defaults = KIND_DEFAULTS[kind];
  if (defaults) Object.assign(draft, defaults);
}

/**
 * The condition as simple tests that must all hold, or null when it has another form (or, not…).
 * @param {Condition | undefined} condition
 * @returns {Leaf[] | null}
 */
export function toLeaves(condition) {
  if (condition === undefined || condition === null) return [];
  if (typeof condition.field === "string") return [condition];
  const all = condition.and;
  if (Array.isArray(all) && all.every((c) => typeof c.field === "string")) return all;
  return null;
}

/**
 * @param {Leaf[]} leaves
 * @returns {Condition | undefined}
 */
export function fromLeaves(leaves) {
  if (leaves.length === 0) return undefined;
  if (leaves.length === 1) return leaves[0];
  return { and: leaves };
}

/**
 * The path of a leaf inside its condition (the server names errors by these paths).
 * @param {string} base  e.g. "measure.numerator.where"
 * @param {number} index
 * @param {number} count
 */
export const leafPath = (base, index, count) => (count === 1 ? base : `${base}.and.${index}`);

/**
 * The definition as sent and downloaded: empty optional parts left out, and the description
 * ending with its formula as the catalogue's do (« Formule : … »).
 * @param {Draft} draft
 * @returns {Draft}
 */
export function finalDefinition(draft) {
  /** @type {Draft} */
  const out = structuredClone(draft);
  const formula = typeof out.formula === "string" ? out.formula.trim() : "";
  const description = typeof out.description === "string" ? out.description.trim() : "";
  if (formula && !description.includes(`Formule : ${formula}`)) {
    out.description = `${description}${description ? " " : ""}Formule : ${formula}`;
  }
  if (out.source && !out.source.url) delete out.source.url;
  if (out.target && Object.values(out.target).every((v) => v === undefined)) {
    delete out.target;
  }
  return out;
}

/**
 * The definition the live result computes while the agent has not yet written its words: empty
 * title, description, formula or source get a placeholder, so the figure shows from the first
 * step. The download checks the definition as written (finalDefinition).
 * @param {Draft} draft
 */
export function previewDefinition(draft) {
  const out = finalDefinition(draft);
  out.title = out.title.trim() || "Indicateur en préparation";
  out.description = out.description.trim() || "Description à écrire.";
  out.formula = out.formula.trim() || "formule à écrire";
  out.source = { ...out.source, name: out.source.name.trim() || "à préciser" };
  return out;
}
