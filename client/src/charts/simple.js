// Bar charts of plain look-up rows (a buyer's contracts per year…), outside the indicator engine.
import { frame } from "./common.js";

/**
 * @param {Record<string, unknown>[]} rows
 * @param {{ x: string, y: string, xTitle: string, yTitle: string, format: string, description: string, height?: number }} options
 *   format: a d3-format specifier for the values; counts (",.0f") get whole-number ticks only
 */
export function barSpec(rows, options) {
  const values = rows
    .filter((r) => r[options.x] !== null && r[options.x] !== undefined)
    .map((r) => ({
      x: String(r[options.x]),
      y: typeof r[options.y] === "number" ? r[options.y] : null,
    }));
  return {
    ...frame(options.description, options.height ?? 200),
    data: { values },
    mark: { type: "bar", color: "#2f5f98", tooltip: true },
    encoding: {
      x: { field: "x", type: "ordinal", title: options.xTitle, axis: { labelAngle: 0 } },
      y: {
        field: "y",
        type: "quantitative",
        title: options.yTitle,
        axis: { format: options.format, ...(options.format === ",.0f" ? { tickMinStep: 1 } : {}) },
      },
      tooltip: [
        { field: "x", type: "ordinal", title: options.xTitle },
        { field: "y", type: "quantitative", title: options.yTitle, format: options.format },
      ],
    },
  };
}
