// A workshop definition as a YAML file of indicators/definitions/: the keys in the catalogue's
// order, every text written as a double-quoted scalar (JSON's own escapes are YAML's), so nothing
// an agent types can change the file's structure. A header comment says who made it and when.
// Pure: no DOM, so the tests read the very text the browser downloads.

/** The order of the catalogue's files (indicators/README.md). */
const KEY_ORDER = [
  "id",
  "version",
  "title",
  "description",
  "formula",
  "unit",
  "format",
  "counting_unit",
  "requires_format",
  "min_n",
  "min_coverage",
  "polarity",
  "scope",
  "requires_fields",
  "measure",
  "breakdowns",
  "filters",
  "thresholds",
  "target",
  "caveats",
  "source",
  "theme",
  "rank",
  "pages",
];

/** @typedef {null | boolean | number | string | JsonArray | JsonMap} Json */
/** @typedef {Json[]} JsonArray */
/** @typedef {{ [key: string]: Json }} JsonMap */

/** @param {Json} value */
const isScalar = (value) => value === null || typeof value !== "object";

/** @param {Json} value */
function scalar(value) {
  if (typeof value === "string") return JSON.stringify(value);
  return value === null ? "null" : String(value);
}

/**
 * @param {Json} value
 * @param {string} indent
 * @returns {string[]} lines
 */
function block(value, indent) {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (isScalar(item)) return [`${indent}- ${scalar(item)}`];
      const [first = "", ...rest] = block(item, `${indent}  `);
      return [`${indent}- ${first.slice(indent.length + 2)}`, ...rest];
    });
  }
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => {
      if (isScalar(item)) return [`${indent}${key}: ${scalar(item)}`];
      if (Array.isArray(item) && item.every(isScalar)) {
        return [`${indent}${key}: [${item.map(scalar).join(", ")}]`];
      }
      if (!Array.isArray(item) && Object.keys(item).length === 0) return [`${indent}${key}: {}`];
      return [`${indent}${key}:`, ...block(item, `${indent}  `)];
    });
  }
  return [`${indent}${scalar(value)}`];
}

/**
 * One line of a comment: no line break an author typed can end the comment.
 * @param {string} text
 */
const commentText = (text) => text.replace(/[\r\n\u2028\u2029]+/g, " ").trim();

/**
 * @param {JsonMap} definition
 * @param {{ author?: string, date?: string }} [made]
 */
export function definitionYaml(definition, made = {}) {
  const ordered = /** @type {JsonMap} */ ({});
  for (const key of KEY_ORDER) {
    const value = definition[key];
    if (value !== undefined) ordered[key] = value;
  }
  for (const [key, value] of Object.entries(definition)) {
    if (!(key in ordered) && value !== undefined) ordered[key] = value;
  }
  const by = made.author ? commentText(made.author) : "";
  const on = made.date ? commentText(made.date) : "";
  const header = [
    "# yaml-language-server: $schema=../schema/indicator.schema.json",
    `# Définition préparée dans l'atelier de l'observatoire${by ? ` par ${by}` : ""}${on ? `, le ${on}` : ""}.`,
    "# À relire avant de l'ajouter à indicators/definitions/ (nom du fichier : l'id suivi de .yaml).",
  ];
  return `${[...header, ...block(ordered, "")].join("\n")}\n`;
}
