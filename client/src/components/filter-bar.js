// The filter bar: years, place of execution, buyer, CPV division, procedure, nature, amount band.
// Every change goes to the page address (see state.js), so a filtered view can be shared. The bar
// is built once per page and follows the address in place (show), so the control the reader is
// on keeps the focus while the figures change. Whatever the address filters on is shown, even a
// value the lists do not offer (a département outside the région, a year without contracts), and
// filters that cannot hold together are said under the controls (filter-problems.js).
import { getFilterChoices } from "../api.js";
import { h, replace } from "../dom.js";
import { refresh } from "../router.js";
import { FILTER_KEYS, updateAddress } from "../state.js";
import { buyerPicker } from "./buyer-picker.js";
import { filterProblems, outsideDepartement, notComputedNote } from "./filter-problems.js";

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
 * @returns {Promise<{
 *   element: HTMLElement,
 *   show: (filters: Filters) => void,
 *   notComputedNote: (filters: Filters) => string | null,
 * }>} notComputedNote: what a figure says instead of its value on filters that cannot be computed
 */
export async function filterBar({ filters, onChange }) {
  const choices = await getFilterChoices();
  /** @type {Map<string, HTMLSelectElement>} */
  const selects = new Map();
  /** @type {Map<string, { code: string, label: string }[]>} the choices each select offers */
  const lists = new Map();
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
    lists.set(name, list);
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
    // Choosing a région that does not hold the chosen département drops it (it would give an
    // empty result); a change of another control keeps both, and the bar goes on saying so.
    if (next.region !== shown.region && outsideDepartement(next, choices)) delete next.departement;
    if (next.acheteur_id && !/^\d{14}$/.test(next.acheteur_id)) delete next.acheteur_id;
    return next;
  };
  const buyer = buyerPicker({
    siret: filters.acheteur_id,
    onChoose: () => onChange(read()),
  });

  const problemsBox = h("div", { class: "filter-bar__problems", role: "status" });
  /** @type {Filters} the filters the bar shows (those of the address) */
  let shown = {};

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
    problemsBox,
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
    shown = next;
    const dep = /** @type {HTMLSelectElement} */ (selects.get("departement"));
    if (dep.dataset.region !== (next.region ?? "")) {
      const list = departements(next.region);
      replace(dep, options(list, "Tous les départements"));
      lists.set("departement", list);
      dep.dataset.region = next.region ?? "";
    }
    for (const [name, element] of selects) {
      for (const extra of element.querySelectorAll("option[data-extra]")) extra.remove();
      const value = next[name] ?? "";
      // A value the list does not offer still filters the figures: the box shows it, marked.
      if (value && !lists.get(name)?.some((c) => c.code === value)) {
        element.append(h("option", { value, "data-extra": "" }, extraLabel(name, value)));
      }
      element.value = value;
    }
    replace(problemsBox, problemNodes(next));
    if (next.acheteur_id !== shownBuyer) void buyer.show(next.acheteur_id);
    shownBuyer = next.acheteur_id;
  };
  /**
   * The words of a value no list offers: a département outside the région, a year without
   * contracts, a code the data do not know.
   * @param {string} name
   * @param {string} value
   */
  const extraLabel = (name, value) => {
    if (name === "departement") {
      const dep = choices.departement.find((d) => d.code === value);
      if (dep) return `${dep.code} – ${dep.label} (hors de la région choisie)`;
    }
    if ((name === "year_from" || name === "year_to") && /^\d{4}$/.test(value)) {
      return `${value} (aucun marché cette année)`;
    }
    return `${value} (valeur inconnue)`;
  };
  /**
   * Each problem of the filters in a notice, with a button per way out.
   * @param {Filters} next
   */
  const problemNodes = (next) =>
    filterProblems(next, choices).map((problem) =>
      h(
        "div",
        { class: "notice notice--warning", "data-problem": problem.key },
        h("p", {}, problem.text),
        h(
          "p",
          { class: "filter-bar__fixes" },
          problem.fixes.map((fix) =>
            h(
              "button",
              {
                type: "button",
                class: "secondary",
                onclick: () => {
                  /** @type {Filters} */
                  const fixed = { ...shown };
                  for (const [key, value] of Object.entries(fix.changes)) {
                    if (value === null) delete fixed[key];
                    else fixed[key] = value;
                  }
                  // The button goes with the problem: the focus goes to the control it changed.
                  selects.get(fix.focus)?.focus();
                  onChange(fixed);
                },
              },
              fix.label,
            ),
          ),
        ),
      ),
    );
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
  return {
    element: form,
    show,
    notComputedNote: (/** @type {Filters} */ current) => notComputedNote(current, choices),
  };
}
