// Shapes of the API answers the client reads: the server's types, inferred from the zod schemas
// that also generate /api/openapi.json (server/api-types.ts). Types only, for editors and the
// type-checker; nothing here runs in the browser.

/**
 * @typedef {import("../../server/api-types.ts").DimensionRef} DimensionRef
 * @typedef {import("../../server/api-types.ts").Bound} Bound
 * @typedef {import("../../server/api-types.ts").Indicator} Indicator
 * @typedef {import("../../server/api-types.ts").Column} Column
 * @typedef {import("../../server/api-types.ts").Row} Row
 * @typedef {import("../../server/api-types.ts").IndicatorResult} IndicatorResult
 * @typedef {import("../../server/api-types.ts").Catalogue} Catalogue
 * @typedef {import("../../server/api-types.ts").Choice} Choice
 * @typedef {import("../../server/api-types.ts").FilterChoices} FilterChoices
 * @typedef {import("../../server/api-types.ts").Health} Health
 * @typedef {import("../../server/api-types.ts").CoverageRow} CoverageRow
 * Look-up answers (buyers, suppliers, contracts) are read as plain JSON objects:
 * @typedef {import("../../server/api-types.ts").JsonValue} JsonValue
 * @typedef {import("../../server/api-types.ts").JsonObject} JsonObject
 */

export {};
