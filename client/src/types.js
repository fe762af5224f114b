// Shapes of the API answers the client reads (see /api/openapi.json). Types only, for editors.

/**
 * @typedef {{ id: string, label: string }} DimensionRef
 * @typedef {{ op: "lt" | "lte" | "gt" | "gte", value: number }} Bound
 * @typedef {{
 *   id: string, version: number, title: string, description: string, formula: string,
 *   unit: string, unit_label: string, format: "integer" | "decimal" | "percent" | "euro",
 *   counting_unit: string, requires_format: "any" | "v2", min_n: number,
 *   polarity: "higher_is_better" | "lower_is_better" | "neutral",
 *   shape: "single" | "mix" | "partition", shape_dimension: string | null,
 *   breakdowns: DimensionRef[], filters: DimensionRef[],
 *   thresholds?: { green?: Bound, red?: Bound, source: string },
 *   target?: { value: number, year: number, label: string, source: string },
 *   caveats: string[], source: { name: string, url?: string }
 * }} Indicator
 * @typedef {{
 *   name: string, label: string,
 *   role: "key" | "label" | "value" | "n" | "n_scope" | "numerator" | "denominator" | "coverage"
 *     | "coverage_value" | "flags" | "status" | "target_met",
 *   type: string, format?: string, dimension?: string
 * }} Column
 * @typedef {Record<string, string | number | boolean | null | string[]>} Row
 * @typedef {{
 *   snapshot_id: string, generated_at: string, definition_version: number,
 *   indicator: Indicator, request: { by: string[], grain: string | null, filters: unknown[] },
 *   columns: Column[], rows: Row[]
 * }} IndicatorResult
 * @typedef {{ snapshot_id: string, indicators: Indicator[] }} Catalogue
 * @typedef {{ code: string, label: string, region?: string }} Choice
 * @typedef {{
 *   snapshot_id: string, years: number[], region: Choice[], departement: Choice[],
 *   cpv_division: Choice[], procedure: Choice[], nature: Choice[], amount_band: Choice[]
 * }} FilterChoices
 * @typedef {{
 *   status: string, snapshot_id: string,
 *   snapshot: { id: string, loaded_at: string, contracts: number, concessions: number }
 * }} Health
 * Look-up answers (buyers, suppliers, contracts) are plain JSON objects:
 * @typedef {string | number | boolean | null | JsonObject | JsonValue[]} JsonValue
 * @typedef {{ [key: string]: JsonValue }} JsonObject
 */

export {};
