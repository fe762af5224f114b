// The filter bar: years, place of execution, buyer, CPV division, procedure, nature, amount band.
// Every change goes to the page address (see state.js), so a filtered view can be shared. The bar
// is built once per page and follows the address in place (show), so the control the reader is
// on keeps the focus while the figures change.
import { getFilterChoices } from "../api.js";
import { h, replace } from "../dom.js";
import { refresh } from "../router.js";
import { FILTER_KEYS, updateAddress } from "../state.js";
import { buyerPicker } from "./buyer-picker.js";

/** @typedef {import("../state.js").Filters} Filters */

/**
 * Writes new filters to the address, then the page redraws what depends on them (the home's
 * cards, an indicator's figures): the bar's usual `onChange`.
 * @param {Filters} next
 */
export function applyFilters(next) {
  updateAddress(Object.fromEntries(FILTER_KEYS.map((key) => [key, next[key] ?? null])));
  return refresh();
}

/**
 * @param {{ filters: Filters, onChange: (filters: Filters) => void }} options
 * @returns {Promise<{ element: HTMLElement, show: (filters: Filters) => void }>}
 */
export async function filterBar({ filters, onChange }) {
  const choices = await getFilterChoices();
  /** @type {Map<string, HTMLSelectElement>} */
  const selects = new Map();
  /** @param {{ code: string, label: string }[]} list @param {string} all */
  const options = (list, all) => [
    h("option", { value: "" }, all),
    ...list.map((c) => h("option", { value: c.code }, c.label)),
  ];
  /** @param {string} name @param {string} label @param {{ code: string, label: string }[]} list @param {string} all */
  const select = (name, label, list, all) => {
    const element = /** @type {HTMLSelectElement} */ (
      h("select", { id: `filtre-${name}`, name }, options(list, all))
    );
    selects.set(name, element);
    return h("div", { class: "field" }, h("label", { for: `filtre-${name}` }, label), element);
  };
  const years = choices.years.map((y) => ({ code: String(y), label: String(y) }));
  /** Départements of the chosen région only (all of them without one). */
  const departements = (/** @type {string | undefined} */ region) =>
    choices.departement
      .filter((d) => !region || d.region === region)
      .map((d) => ({ code: d.code, label: `${d.code} – ${d.label}` }));

  const read = () => {
    /** @type {Filters} */
    const next = {};
    const data = new FormData(form);
    for (const key of FILTER_KEYS) {
      const value = String(data.get(key) ?? "").trim();
      if (value) next[key] = value;
    }
    // A département outside the chosen région would give an empty result: drop it.
    const dep = choices.departement.find((d) => d.code === next.departement);
    if (next.region && dep && dep.region !== next.region) delete next.departement;
    if (next.acheteur_id && !/^\d{14}$/.test(next.acheteur_id)) delete next.acheteur_id;
    return next;
  };
  const buyer = buyerPicker({
    siret: filters.acheteur_id,
    onChoose: () => onChange(read()),
  });

  const form = h(
    "form",
    { class: "filter-bar", "aria-label": "Filtres" },
    h("p", { class: "filter-bar__title" }, "Filtrer les marchés"),
    h(
      "div",
      { class: "filter-bar__fields" },
      select("year_from", "Année (à partir de)", years, "Toutes"),
      select("year_to", "Année (jusqu'à)", years, "Toutes"),
      select("region", "Région du lieu d'exécution", choices.region, "Toutes les régions"),
      select(
        "departement",
        "Département du lieu d'exécution",
        departements(filters.region),
        "Tous les départements",
      ),
      buyer.element,
      select(
        "cpv_division",
        "Catégorie d'achat (division CPV)",
        choices.cpv_division.map((c) => ({ code: c.code, label: `${c.code} – ${c.label}` })),
        "Toutes les catégories",
      ),
      select("procedure", "Procédure", choices.procedure, "Toutes les procédures"),
      select("nature", "Nature du marché", choices.nature, "Toutes les natures"),
      select("amount_band", "Tranche de montant", choices.amount_band, "Tous les montants"),
    ),
    h(
      "div",
      { class: "filter-bar__actions" },
      h("button", { type: "submit" }, "Appliquer"),
      h(
        "button",
        { type: "button", class: "secondary", onclick: () => onChange({}) },
        "Effacer les filtres",
      ),
    ),
  );

  /**
   * Puts the address's filters in the controls, without moving the focus: the départements
   * follow the région, the buyer field shows the buyer's name.
   * @param {Filters} next
   */
  const show = (next) => {
    const dep = /** @type {HTMLSelectElement} */ (selects.get("departement"));
    if (dep.dataset.region !== (next.region ?? "")) {
      replace(dep, options(departements(next.region), "Tous les départements"));
      dep.dataset.region = next.region ?? "";
    }
    for (const [name, element] of selects) element.value = next[name] ?? "";
    if (next.acheteur_id !== shownBuyer) void buyer.show(next.acheteur_id);
    shownBuyer = next.acheteur_id;
  };
  // The buyer field shows its buyer by itself when built.
  let shownBuyer = filters.acheteur_id;
  /** @type {HTMLSelectElement} */ (selects.get("departement")).dataset.region =
    filters.region ?? "";
  show(filters);

  form.addEventListener("change", () => onChange(read()));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onChange(read());
  });
  return { element: form, show };
}
