// The breakdown of an indicator page. « Répartir par » one dimension: bars (the values with the
// most contracts) and the table of every value. « et par » a second one (any breakdown of the
// definition, years included): a heatmap and the table rows × columns, with N, coverage and
// flags in each cell. The choice is the address's `by`, as in the API (`by=region,year`), and the same request
// gives the four downloads. The two selects are built once, outside the part that redraws, so
// the one in use keeps the focus.
import { getIndicator } from "../api.js";
import { TIME_KEYS } from "../charts/common.js";
import { breakdownSpec, heatmapSpec, MAX_BARS } from "../charts/specs.js";
import { crossCsvModel, crossModel, crossTableElement } from "../cross-table.js";
import { h } from "../dom.js";
import { formatInteger } from "../format.js";
import { part } from "../parts.js";
import { inSentence } from "../shared/french-words.js";
import { refresh } from "../router.js";
import { FILTER_KEYS, updateAddress } from "../state.js";
import { tableModel } from "../table.js";
import { chartBlock } from "./chart-block.js";
import { exportLinks } from "./exports.js";

/** The first breakdown shown when the address names none. */
const PREFERRED = ["region", "procedure", "type_marche"];

/**
 * @typedef {import("../types.js").Indicator} Indicator
 * @typedef {(keys: string[]) => { params: URLSearchParams }} RequestOf
 */

/**
 * @param {{ ind: Indicator, request: RequestOf, notComputed: () => string | null }} options
 *   request: the API request of the indicator under the address's filters, by these keys;
 *   notComputed: non-null when the filters cannot be computed (filter-problems.js), which the server
 *   refuses: the section then asks nothing and is hidden (the page's headline says why)
 * @returns {{
 *   element: HTMLElement | null, part: import("../parts.js").Part | null, show: () => void,
 * }}  element and part are null when the definition has no breakdown but time
 */
export function breakdownSection({ ind, request, notComputed }) {
  const dims = ind.breakdowns.filter((b) => !TIME_KEYS.includes(b.id));
  // A mix is already crossed with its categories, and a partition has one value per buyer:
  // a second dimension is offered for single-valued indicators.
  const crossable = ind.shape === "single";

  /** The breakdown the address asks for, checked against the definition. */
  const chosen = () => {
    const [asked = "", second = ""] = (new URLSearchParams(location.search).get("by") ?? "").split(
      ",",
    );
    const first = dims.some((d) => d.id === asked)
      ? asked
      : (PREFERRED.find((id) => dims.some((d) => d.id === id)) ?? dims[0]?.id ?? "");
    const valid = crossable && second !== first && ind.breakdowns.some((b) => b.id === second);
    return { first, second: valid ? second : "" };
  };
  const write = (/** @type {string} */ first, /** @type {string} */ second) => {
    updateAddress({ by: second && second !== first ? `${first},${second}` : first });
    void refresh();
  };

  const firstSelect = /** @type {HTMLSelectElement} */ (
    h(
      "select",
      {
        id: "ventilation",
        onchange: () => write(firstSelect.value, chosen().second),
      },
      dims.map((d) => h("option", { value: d.id }, d.label)),
    )
  );
  const secondSelect = /** @type {HTMLSelectElement} */ (
    h(
      "select",
      {
        id: "ventilation-2",
        onchange: () => write(chosen().first, secondSelect.value),
      },
      h("option", { value: "" }, "— (une seule dimension)"),
      // Time first: région × année is the table most asked for.
      [...ind.breakdowns]
        .sort((a, b) => Number(!TIME_KEYS.includes(a.id)) - Number(!TIME_KEYS.includes(b.id)))
        .map((b) => h("option", { value: b.id }, b.label)),
    )
  );

  /** Puts the address's choice in the selects, without moving the focus. */
  const show = () => {
    const { first, second } = chosen();
    firstSelect.value = first;
    secondSelect.value = second;
    for (const option of secondSelect.options) option.disabled = option.value === first;
  };
  show();

  const drawn = part([...FILTER_KEYS, "by"], async () => {
    // Its choices alone, over nothing, would look broken: the whole section goes.
    section.hidden = notComputed() !== null;
    if (section.hidden) return { nodes: [] };
    const { first, second } = chosen();
    const b = second
      ? await crossBlock(ind, request, first, second)
      : await singleBlock(ind, request, first);
    return { nodes: [b.element], after: b.draw };
  });
  const section = h(
    "section",
    { class: "breakdown", "aria-label": "Répartition" },
    h(
      "div",
      { class: "breakdown__choice" },
      h(
        "div",
        { class: "field field--inline" },
        h("label", { for: "ventilation" }, "Répartir par"),
        firstSelect,
      ),
      crossable
        ? h(
            "div",
            { class: "field field--inline" },
            h("label", { for: "ventilation-2" }, "et par (tableau croisé)"),
            secondSelect,
          )
        : null,
    ),
    drawn.element,
  );
  if (dims.length === 0) return { element: null, part: null, show };
  return { element: section, part: drawn, show };
}

/**
 * A dimension's name inside a sentence (« par région (lieu d'exécution) »).
 * @param {Indicator} ind
 * @param {string} id
 */
function lower(ind, id) {
  return inSentence(ind.breakdowns.find((b) => b.id === id)?.label ?? id);
}

/**
 * @param {Indicator} ind
 * @param {RequestOf} request
 * @param {string} by
 */
async function singleBlock(ind, request, by) {
  const { params } = request([by]);
  const result = await getIndicator(ind.id, params);
  const chart = breakdownSpec(result, by);
  const model = tableModel(result);
  return chartBlock({
    kind: "breakdown",
    title: `Répartition par ${lower(ind, by)}`,
    note:
      chart && chart.shown < chart.total
        ? `Le graphique montre les ${MAX_BARS} valeurs qui comptent le plus de marchés ; le tableau les montre toutes (${formatInteger(model.rows.length)}).`
        : undefined,
    // Built again at the box's width when drawn: the x axis's title in lines that fit it.
    spec: chart ? (width) => breakdownSpec(result, by, { width })?.spec ?? chart.spec : null,
    model,
    caption: `${ind.title}, par ${lower(ind, by)}`,
    exports: exportLinks({ id: ind.id, params, model }),
  });
}

/**
 * @param {Indicator} ind
 * @param {RequestOf} request
 * @param {string} rows
 * @param {string} columns
 */
async function crossBlock(ind, request, rows, columns) {
  const { params } = request([rows, columns]);
  const result = await getIndicator(ind.id, params);
  const chart = heatmapSpec(result, rows, columns);
  const model = crossModel(result, rows, columns);
  const caption = `${ind.title}, par ${lower(ind, rows)} (lignes) et par ${lower(ind, columns)} (colonnes)`;
  const csv = crossCsvModel(model);
  return chartBlock({
    kind: "heatmap",
    title: `Répartition par ${lower(ind, rows)} et par ${lower(ind, columns)}`,
    note: [
      "Une case vide : aucun marché ; une case grise : des marchés, mais pas de valeur calculable ; une case marquée d'un rond blanc repose sur peu de marchés.",
      chart && chart.shown < chart.total
        ? ` Le graphique montre les ${chart.shown} lignes qui comptent le plus de marchés ; le tableau les montre toutes (${formatInteger(model.rows.length)}).`
        : "",
    ].join(""),
    spec: chart?.spec ?? null,
    model: csv,
    table: crossTableElement(model, caption),
    caption,
    exports: exportLinks({ id: ind.id, params, model: csv }),
  });
}
