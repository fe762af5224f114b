// The name of a downloaded file, from what it holds: the indicator, the breakdown, the filters in
// short, the format. One implementation for the server's Content-Disposition
// (server/routes/exports.ts) and the dashboard's links (client/src/components/exports.js), so a
// file is named the same whichever way it is saved. Plain ES module, no import (see csv-text.js).
// Example: single-offer-rate_par-region-annee_2024_region-84_excel.csv

/** Short French words of the dimensions (file names are read by people, who search them). */
const WORDS = {
  year: "annee",
  quarter: "trimestre",
  month: "mois",
  acheteur_id: "acheteur",
  acheteur_nom: "nom-acheteur",
  departement: "departement",
  region: "region",
  cpv_division: "cpv",
  type_marche: "type",
  nature: "nature",
  procedure: "procedure",
  amount_band: "tranche",
  decp_format: "format",
  source: "source",
};

/** What the grain of the time key makes of a trend. */
const GRAINS = { year: "annuel", quarter: "trimestriel", month: "mensuel" };

/** Operators of `filter=DIM op VALUE` (the engine's syntax), longest first. */
const FILTER = /^([a-z][a-z0-9_]*)(!=|>=|<=|!~|=|>|<|~)(.*)$/;
const OP_WORDS = {
  "=": "",
  "~": "",
  "!=": "sauf",
  "!~": "sauf",
  ">": "plus-de",
  ">=": "min",
  "<": "moins-de",
  "<=": "max",
};

/** Ending of each format; `table` is the on-screen table's CSV. */
const ENDINGS = {
  csv_excel: "_excel.csv",
  csv: ".csv",
  xlsx: ".xlsx",
  parquet: ".parquet",
  table: "_tableau.csv",
};

/** Longest name kept (file systems allow 255 bytes; people read far fewer). */
const MAX_LENGTH = 150;

/**
 * Lower-case ASCII letters, digits and dashes: no accent, space or sign a file system or a
 * Content-Disposition header could stumble on.
 * @param {string} text
 */
function slug(text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** @param {string} dimension */
const word = (dimension) =>
  Object.hasOwn(WORDS, dimension) ? WORDS[/** @type {keyof WORDS} */ (dimension)] : slug(dimension);

/**
 * The years of a request in short: "2024", "2019-et-2024" (a list), "2020-2024" (a range),
 * "depuis-2020", "jusqu-a-2024".
 * @param {{ op: string, value: string }[]} bounds
 */
function yearPart(bounds) {
  const equal = bounds.find((b) => b.op === "=" || b.op === "~");
  if (equal) return slug(equal.value.split(",").join(" et "));
  const from = bounds.find((b) => b.op === ">=" || b.op === ">");
  const to = bounds.find((b) => b.op === "<=" || b.op === "<");
  const start = from ? Number(from.value) + (from.op === ">" ? 1 : 0) : null;
  const end = to ? Number(to.value) - (to.op === "<" ? 1 : 0) : null;
  if (start !== null && end !== null) return start === end ? `${start}` : `${start}-${end}`;
  if (start !== null) return `depuis-${start}`;
  if (end !== null) return `jusqu-a-${end}`;
  return bounds
    .map((b) => slug(`${OP_WORDS[/** @type {keyof OP_WORDS} */ (b.op)] ?? ""}-${b.value}`))
    .join("-");
}

/**
 * @param {string} id  the indicator's id
 * @param {URLSearchParams} query  the request: by, grain, filter=DIM op VALUE, DIM=VALUE
 * @param {string} format  csv_excel | csv | xlsx | parquet | table
 * @returns {string}
 */
export function downloadName(id, query, format) {
  // `by` may be repeated (by=year&by=region): the server reads every one.
  const by = query
    .getAll("by")
    .flatMap((b) => b.split(","))
    .filter((d) => d !== "");
  const grain = query.get("grain");
  /** @type {Map<string, { op: string, value: string }[]>} */
  const filters = new Map();
  const add = (
    /** @type {string} */ dimension,
    /** @type {string} */ op,
    /** @type {string} */ value,
  ) => filters.set(dimension, [...(filters.get(dimension) ?? []), { op, value }]);
  for (const [key, value] of query) {
    if (key === "filter") {
      const match = FILTER.exec(value);
      if (match) add(match[1] ?? "", match[2] ?? "", match[3] ?? "");
    } else if (!["by", "grain", "format", "snapshot"].includes(key)) {
      add(key, value.includes(",") ? "~" : "=", value);
    }
  }
  const parts = [slug(id)];
  if (by.length > 0) parts.push(`par-${by.map(word).join("-")}`);
  if (grain && Object.hasOwn(GRAINS, grain))
    parts.push(GRAINS[/** @type {keyof GRAINS} */ (grain)]);
  const years = filters.get("year");
  if (years) parts.push(yearPart(years));
  // Other filters in the order of the dimensions above, then any other by name.
  const order = Object.keys(WORDS);
  const rank = (/** @type {string} */ d) => (order.includes(d) ? order.indexOf(d) : order.length);
  const others = [...filters.keys()]
    .filter((d) => d !== "year")
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const dimension of others) {
    const texts = (filters.get(dimension) ?? []).map(({ op, value }) => {
      const opWord = OP_WORDS[/** @type {keyof OP_WORDS} */ (op)] ?? "";
      return slug(`${word(dimension)}-${opWord}-${value}`);
    });
    // Sorted, so that the order of the request's parameters does not change the name.
    parts.push(...texts.sort());
  }
  const ending = Object.hasOwn(ENDINGS, format)
    ? ENDINGS[/** @type {keyof ENDINGS} */ (format)]
    : `.${slug(format)}`;
  const name = parts.filter((p) => p !== "").join("_");
  return `${name.slice(0, MAX_LENGTH - ending.length).replace(/[-_]+$/, "")}${ending}`;
}
