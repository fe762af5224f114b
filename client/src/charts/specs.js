// Every Vega-Lite spec the client can build, in one place (the tests validate them all).
export { trendSpec, referenceLayers } from "./trend.js";
export { breakdownSpec, MAX_BARS } from "./breakdown.js";
export { heatmapSpec, MAX_ROWS } from "./heatmap.js";
export { mapSpec, GEO_URL } from "./map.js";
export { barSpec } from "./simple.js";
export { VEGA_LITE_SCHEMA, timeKey } from "./common.js";
