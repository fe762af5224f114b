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
 * @typedef {import("../../server/api-types.ts").Runs} Runs
 * @typedef {import("../../server/api-types.ts").Run} Run
 * @typedef {import("../../server/api-types.ts").ApiErrorBody} ApiErrorBody
 * @typedef {import("../../server/api-types.ts").BuyerSearch} BuyerSearch
 * @typedef {import("../../server/api-types.ts").BuyerSummary} BuyerSummary
 * @typedef {import("../../server/api-types.ts").BuyerContracts} BuyerContracts
 * @typedef {import("../../server/api-types.ts").BuyerQuality} BuyerQuality
 * @typedef {import("../../server/api-types.ts").SupplierSearch} SupplierSearch
 * @typedef {import("../../server/api-types.ts").SupplierSummary} SupplierSummary
 * @typedef {import("../../server/api-types.ts").ContractDetail} ContractDetail
 * @typedef {import("../../server/api-types.ts").ContractSearch} ContractSearch
 * @typedef {import("../../server/api-types.ts").Rejects} Rejects
 * @typedef {import("../../server/api-types.ts").FieldIssues} FieldIssues
 * @typedef {import("../../server/api-types.ts").DataSources} DataSources
 * @typedef {import("../../server/api-types.ts").RowFlag} RowFlag
 * @typedef {import("../../server/api-types.ts").JsonValue} JsonValue
 * @typedef {import("../../server/api-types.ts").JsonObject} JsonObject
 * @typedef {import("../../server/api-types.ts").WorkshopModel} WorkshopModel
 * @typedef {import("../../server/api-types.ts").WorkshopField} WorkshopField
 * @typedef {import("../../server/api-types.ts").WorkshopPreview} WorkshopPreview
 * @typedef {import("../../server/api-types.ts").WorkshopValidation} WorkshopValidation
 * @typedef {import("../../server/api-types.ts").BuyerSpaser} BuyerSpaser
 * @typedef {import("../../server/api-types.ts").SpaserIndicator} SpaserIndicator
 * @typedef {import("../../server/api-types.ts").SpaserFigure} SpaserFigure
 * @typedef {import("../../server/api-types.ts").BuyerPeers} BuyerPeers
 * @typedef {import("../../server/api-types.ts").PeerIndicator} PeerIndicator
 * @typedef {import("../../server/api-types.ts").YearChoice} YearChoice
 */

export {};
