// The report's trend charts, drawn on the server without a browser: a Vega-Lite spec compiled
// and rendered to SVG by Vega in Node (HTML and PDF embed the SVG), and that SVG turned into PNG
// by resvg for the DOCX. Numbers in French (comma, narrow space before %). The target is drawn
// as « Mon SPASER » states it: the whole trajectory, a dashed red line through each year's
// target, so a reader sees where the buyer stands against the steps before and after the year.
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { ReportIndicator } from "./data.ts";
import { formatNumber } from "./format.ts";

vega.formatLocale({
  decimal: ",",
  thousands: "\u202f",
  grouping: [3],
  currency: ["", "\u00a0€"],
  percent: "\u202f%",
});

const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

/**
 * Every year from the first with a value (or the trajectory's first step) to the report's year
 * (or the trajectory's last step), the value null where there is none.
 */
function everyYear(
  indicator: ReportIndicator,
  year: number,
): { year: number; value: number | null }[] {
  const known = indicator.trend.filter((p) => p.n > 0 && p.value !== null && p.year <= year);
  const steps = indicator.target?.trajectory ?? [];
  const firsts = [known[0]?.year, steps[0]?.year].filter((y) => y !== undefined);
  if (firsts.length === 0) return [];
  const last = Math.max(year, ...steps.map((s) => s.year));
  const out: { year: number; value: number | null }[] = [];
  for (let y = Math.min(...firsts); y <= last; y++) {
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
    // The trajectory: one point per year a target is set for, joined by a dashed line.
    layers.push({
      data: {
        values: indicator.target.trajectory.map((s) => ({
          year: s.year,
          target: s.value,
          // What a screen reader says of each point (the SVG's aria-label), in French.
          label: `Objectif ${s.year} : ${formatNumber(s.value, indicator.definition.format)}`,
        })),
      },
      mark: {
        type: "line",
        point: { size: 40, shape: "diamond", filled: true },
        color: "#b3261e",
        strokeDash: [6, 4],
        strokeWidth: 1.5,
      },
      encoding: {
        x: { field: "year", type: "ordinal" },
        y: { field: "target", type: "quantitative" },
        description: { field: "label", type: "nominal" },
      },
    });
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `Évolution par année : ${indicator.definition.title}`,
    width: 420,
    height: 120,
    background: "white",
    // Axis words a size up from Vega's: beside its table the chart prints at four fifths of its width.
    config: {
      font: FONT,
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 11 },
    },
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
