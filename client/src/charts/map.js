// A map of metropolitan France by département of execution, from the shipped GeoJSON. Overseas
// départements are far from the mainland on one projection: their values are in the table.
import { basisTooltips, chartRows, frame, valueColor, valueTooltip } from "./common.js";

export const GEO_URL = "/data/departements.geojson";

/**
 * @param {import("../types.js").IndicatorResult} result  broken down by departement
 * @param {string} [geoUrl]
 * @returns {Record<string, unknown> | null}
 */
export function mapSpec(result, geoUrl = GEO_URL) {
  const ind = result.indicator;
  if (ind.shape !== "single") return null;
  if (!result.columns.some((c) => c.name === "departement" && c.role === "key")) return null;
  const rows = chartRows(result, ["departement"]).filter((r) => r.value !== null);
  const geo = { url: geoUrl, format: { type: "json", property: "features" } };
  const tooltip = [
    { field: "properties.nom", type: "nominal", title: "Département" },
    valueTooltip(result),
    ...basisTooltips(result),
  ];
  // What a département takes from its row: the value it is coloured by and each field its tooltip
  // reads, derived from the tooltip so that the two lists cannot drift apart.
  const lookedUp = [
    ...new Set([
      "value",
      ...tooltip.map((t) => t.field).filter((field) => !field.startsWith("properties.")),
    ]),
  ];
  // Mainland and Corsica only: overseas codes start with 97 or 98.
  const mainland = { filter: { not: { field: "properties.code", oneOf: OVERSEAS } } };
  return {
    ...frame(`Carte par département (lieu d'exécution) : ${ind.title}.`, 440),
    autosize: { type: "fit", contains: "padding" },
    projection: { type: "conicConformal", parallels: [44, 49], rotate: [-3, 0] },
    layer: [
      {
        // Every département in grey first, so those without data stay visible.
        data: geo,
        transform: [mainland],
        mark: { type: "geoshape", fill: "#e6e6e6", stroke: "#ffffff", strokeWidth: 0.6 },
      },
      {
        data: geo,
        transform: [
          mainland,
          {
            lookup: "properties.code",
            from: {
              data: { values: rows },
              key: "departement",
              fields: lookedUp,
            },
          },
          { filter: { field: "value", valid: true } },
        ],
        mark: { type: "geoshape", stroke: "#ffffff", strokeWidth: 0.6 },
        encoding: {
          color: valueColor(result, {
            orient: "bottom-left",
            gradientLength: 200,
            labelOverlap: true,
          }),
          tooltip,
        },
      },
    ],
  };
}

/** Codes of the overseas départements and collectivities in the GeoJSON. */
export const OVERSEAS = [
  "971",
  "972",
  "973",
  "974",
  "975",
  "976",
  "977",
  "978",
  "984",
  "986",
  "987",
  "988",
  "989",
];
