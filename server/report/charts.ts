// The report's trend charts, drawn on the server without a browser: a Vega-Lite spec compiled
// and rendered to SVG by Vega in Node (HTML and PDF embed the SVG), and that SVG turned into PNG
// by resvg for the DOCX. Numbers in French (comma, narrow space before %).
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { ReportIndicator } from "./data.ts";

vega.formatLocale({
  decimal: ",",
  thousands: "\u202f",
  grouping: [3],
  currency: ["", "\u00a0€"],
  percent: "\u202f%",
});

const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

/** The years from the first with a value to the report's year, null where there is none. */
function everyYear(
  indicator: ReportIndicator,
  year: number,
): { year: number; value: number | null }[] {
  const known = indicator.trend.filter((p) => p.n > 0 && p.value !== null && p.year <= year);
  const first = known[0]?.year;
  if (first === undefined) return [];
  const out: { year: number; value: number | null }[] = [];
  for (let y = first; y <= year; y++) {
    out.push({ year: y, value: known.find((p) => p.year === y)?.value ?? null });
  }
  return out;
}

export function trendSpec(indicator: ReportIndicator, year: number): TopLevelSpec {
  const points = everyYear(indicator, year);
  const percent = indicator.definition.format === "percent";
  const layers: NonNullable<Extract<TopLevelSpec, { layer: unknown }>["layer"]> = [
    {
      data: { values: points },
      // A year without a value breaks the line (never drawn across), and stays on the axis.
      mark: {
        type: "line",
        point: { size: 50 },
        color: "#1f4e8c",
        strokeWidth: 2,
        invalid: "break-paths-show-domains",
      },
      encoding: {
        x: { field: "year", type: "ordinal", title: "Année", axis: { labelAngle: 0 } },
        y: {
          field: "value",
          type: "quantitative",
          title: indicator.definition.unit === "share" ? "Part" : "Valeur",
          axis: { format: percent ? ".0%" : ",.0f" },
          ...(percent ? { scale: { domain: [0, 1] } } : {}),
        },
      },
    },
  ];
  if (indicator.target) {
    layers.push({
      data: { values: [{ target: indicator.target.value }] },
      mark: { type: "rule", color: "#b3261e", strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { y: { field: "target", type: "quantitative" } },
    });
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `Évolution par année : ${indicator.definition.title}`,
    width: 420,
    height: 150,
    background: "white",
    config: { font: FONT, view: { stroke: null } },
    layer: layers,
  };
}

/** The chart as an SVG document (no script, no external reference). */
export async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function svgToPng(svg: string, width = 900): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "width", value: width },
    background: "white",
    font: {
      loadSystemFonts: true,
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
  });
  return resvg.render().asPng();
}

export interface Chart {
  indicator: string;
  svg: string;
  /** The chart's data as words, for readers who do not see it. */
  description: string;
  /** Points drawn. */
  points: number;
}

export async function trendCharts(indicators: ReportIndicator[], year: number): Promise<Chart[]> {
  const charts: Chart[] = [];
  for (const indicator of indicators) {
    const spec = trendSpec(indicator, year);
    const points = indicator.trend.filter((p) => p.n > 0 && p.value !== null && p.year <= year);
    charts.push({
      indicator: indicator.definition.id,
      svg: await toSvg(spec),
      description: String(spec.description),
      points: points.length,
    });
  }
  return charts;
}
