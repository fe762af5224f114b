// The export format names, shared by the route and the OpenAPI document.
export const EXPORT_FORMAT_NAMES = ["csv_excel", "csv", "xlsx", "parquet"] as const;
export type ExportFormatName = (typeof EXPORT_FORMAT_NAMES)[number];
