// A home card: the indicator's value under the filters, what it rests on (N, the contracts in
// scope, coverage), its status against a target or thresholds, and its trend over the years (a
// small chart and its table).
import { getIndicator } from "../api.js";
import { trendSpec } from "../charts/specs.js";
import { drawWhenNear } from "../charts/lazy.js";
import { renderChart } from "../charts/render.js";
import { h, replace } from "../dom.js";
import { basisText } from "../basis.js";
import { formatValue, plural } from "../format.js";
import { filterQuery, indicatorParams } from "../state.js";
import { NO_LABEL } from "../shared/missing-key.js";
import { renderTable, tableModel } from "../table.js";
import { badges } from "./badges.js";

/** Units a bare number does not say by itself. */
const SPOKEN_UNITS = ["days", "months", "offers"];

/**
 * @param {import("../types.js").Indicator} ind
 * @param {string} text
 */
function withUnit(ind, text) {
  return SPOKEN_UNITS.includes(ind.unit) && text !== "—" ? `${text} ${ind.unit_label}` : text;
}

/**
 * The headline of a result, in words.
 * @param {import("../types.js").IndicatorResult} result
 * @returns {{ text: string, row: import("../types.js").Row | undefined }}
 */
export function headline(result) {
  const ind = result.indicator;
  const value = result.columns.find((c) => c.role === "value");
  const rows = result.rows;
  if (rows.length === 0) return { text: "Aucun marché pour ces filtres", row: undefined };
  if (ind.shape === "mix") {
    const top = [...rows].sort((a, b) => Number(b.value ?? 0) - Number(a.value ?? 0))[0];
    const label = top?.[`${ind.shape_dimension}_label`] ?? top?.[ind.shape_dimension ?? ""];
    return {
      text: `${label ?? NO_LABEL} : ${formatValue(top?.value, value?.format)}`,
      row: top,
    };
  }
  if (ind.shape === "partition") {
    if (rows.length === 1)
      return { text: formatValue(rows[0]?.value, value?.format), row: rows[0] };
    return { text: partitionMedian(rows, value?.format), row: undefined };
  }
  const row = rows[0];
  // No value: the field is absent from the old format, or never filled in.
  if (!row || row.value === null || row.value === undefined) return { text: "Pas de donnée", row };
  return { text: withUnit(ind, formatValue(row?.value, value?.format)), row };
}

/**
 * The median of a partition's entities (the top supplier's share of each buyer), over those with
 * a value computed on enough contracts: a buyer with one contract has 100 % by construction, and
 * counting the many small buyers would say little of the others. Those left out are counted.
 * Lower median: an actual value of one of the entities, not an average of two.
 * @param {import("../types.js").Row[]} rows
 * @param {string | undefined} format
 */
function partitionMedian(rows, format) {
  const counted = rows.filter(
    (r) => typeof r.value === "number" && !(r.flags ?? []).includes("below_min_n"),
  );
  const values = counted.map((r) => Number(r.value)).sort((a, b) => a - b);
  const left = rows.length - counted.length;
  const aside =
    left > 0
      ? ` ; ${plural(left, "autre écarté", "autres écartés")} : trop peu de marchés ou aucune valeur`
      : "";
  if (values.length === 0)
    return `Médiane non calculable : ${plural(left, "acheteur", "acheteurs")} avec trop peu de marchés ou aucune valeur`;
  const median = values[Math.floor((values.length - 1) / 2)];
  return `Médiane : ${formatValue(median, format)} (${plural(values.length, "acheteur", "acheteurs")}${aside})`;
}

/**
 * What a headline figure rests on, under it: its N, scope and coverage, and its badges. A
 * partition over several entities headlines a median and has no row: no one N to give; over one
 * entity (a buyer's own page) its row is that entity's figure, small N and flags included. A
 * mix's row is its largest category: its basis, but no threshold applies to it.
 * @param {import("../types.js").Indicator} ind
 * @param {import("../types.js").Row | undefined} row
 */
export function figureDetails(ind, row) {
  return [
    row ? h("p", { class: "card__meta" }, basisText(row)) : null,
    ind.shape === "mix" ? null : badges(ind, row),
  ];
}

/**
 * Says in the card why its figure or its chart is missing.
 * @param {HTMLElement} where
 * @param {unknown} error
 */
function failed(where, error) {
  replace(
    where,
    h(
      "p",
      { class: "error" },
      `Indicateur indisponible : ${error instanceof Error ? error.message : error}`,
    ),
  );
}

/**
 * @param {import("../types.js").Indicator} ind
 * @param {import("../state.js").Filters} filters
 * @param {string | null} [notComputed] what to say instead of a figure when the filters cannot be
 *   computed (filter-problems.js): nothing is asked of the server then
 * @returns {{ element: HTMLElement, load: () => Promise<void> }}
 */
export function indicatorCard(ind, filters, notComputed = null) {
  const body = h("div", { class: "card__body" }, h("p", { class: "loading" }, "Calcul en cours…"));
  const element = h(
    "article",
    { class: "card", "data-indicator": ind.id, "aria-busy": "true" },
    h("h3", {}, h("a", { href: `/indicateur/${ind.id}${filterQuery(filters)}` }, ind.title)),
    body,
  );
  const load = async () => {
    if (notComputed) {
      replace(body, h("p", { class: "note", "data-not-computed": "" }, notComputed));
      element.setAttribute("aria-busy", "false");
      return;
    }
    // A partition's yearly figures are one row per buyer and year (150,000 rows nationally): no
    // card trend for it; its page has the full table.
    const hasYear = ind.shape !== "partition" && ind.breakdowns.some((b) => b.id === "year");
    const { params, ignored } = indicatorParams(ind, filters);
    try {
      const total = await getIndicator(ind.id, params);
      const trend = hasYear
        ? await getIndicator(ind.id, indicatorParams(ind, filters, ["year"]).params)
        : null;
      const { text, row } = headline(total);
      const spec = trend ? trendSpec(trend, { compact: true }) : null;
      const chart = h("div", { class: "chart chart--spark", "data-chart": "spark" });
      replace(
        body,
        h(
          "p",
          {
            class: text.length > 14 ? "card__value card__value--long" : "card__value",
            "data-value": "",
          },
          text,
        ),
        ...figureDetails(ind, row),
        spec ? chart : null,
        trend
          ? h(
              "details",
              {},
              h("summary", {}, "Chiffres par année"),
              renderTable(tableModel(trend), `${ind.title}, par année`),
            )
          : null,
        ignored.length > 0
          ? h("p", { class: "note" }, "Certains filtres ne s'appliquent pas à cet indicateur.")
          : null,
      );
      // Drawn when the card comes near the screen (charts/lazy.js): its table is there already.
      if (spec)
        drawWhenNear(chart, () => renderChart(chart, spec).catch((error) => failed(chart, error)));
    } catch (error) {
      failed(body, error);
    } finally {
      element.setAttribute("aria-busy", "false");
    }
  };
  return { element, load };
}
