// The filter bar: years, place of execution, buyer, CPV division, procedure, nature, amount band.
// Every change goes to the page address (see state.js), so a filtered view can be shared.
import { getFilterChoices, getJson } from "../api.js";
import { h } from "../dom.js";
import { FILTER_KEYS } from "../state.js";

/**
 * @param {{
 *   filters: import("../state.js").Filters,
 *   onChange: (filters: import("../state.js").Filters) => void,
 * }} options
 */
export async function filterBar({ filters, onChange }) {
  const choices = await getFilterChoices();
  /** @param {string} name @param {string} label @param {{ code: string, label: string }[]} list @param {string} all */
  const select = (name, label, list, all) =>
    h(
      "div",
      { class: "field" },
      h("label", { for: `filtre-${name}` }, label),
      h(
        "select",
        { id: `filtre-${name}`, name },
        h("option", { value: "" }, all),
        list.map((c) =>
          h("option", { value: c.code, selected: filters[name] === c.code }, c.label),
        ),
      ),
    );
  const years = choices.years.map((y) => ({ code: String(y), label: String(y) }));
  const departements = choices.departement.filter(
    (d) => !filters.region || d.region === filters.region,
  );
  const buyerList = h("datalist", { id: "filtre-acheteurs" });
  const buyer = h("input", {
    id: "filtre-acheteur_id",
    name: "acheteur_id",
    type: "text",
    inputmode: "numeric",
    autocomplete: "off",
    list: "filtre-acheteurs",
    pattern: "\\d{14}",
    placeholder: "SIRET (14 chiffres) ou nom",
    value: filters.acheteur_id ?? "",
    "aria-describedby": "filtre-acheteur-aide",
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
        departements.map((d) => ({ code: d.code, label: `${d.code} – ${d.label}` })),
        "Tous les départements",
      ),
      h(
        "div",
        { class: "field" },
        h("label", { for: "filtre-acheteur_id" }, "Acheteur"),
        buyer,
        buyerList,
        h("span", { id: "filtre-acheteur-aide", class: "hint" }, "Tapez un nom puis choisissez."),
      ),
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

  const read = () => {
    /** @type {import("../state.js").Filters} */
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
  form.addEventListener("change", (event) => {
    if (event.target !== buyer) onChange(read());
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onChange(read());
  });
  // Suggestions of buyers by name; choosing one puts its SIRET in the field.
  let timer = 0;
  buyer.addEventListener("input", () => {
    const text = /** @type {HTMLInputElement} */ (buyer).value.trim();
    clearTimeout(timer);
    if (/^\d{14}$/.test(text)) return onChange(read());
    if (text.length < 3) return;
    timer = window.setTimeout(async () => {
      /** @type {{ buyers: { siret: string, nom: string | null }[] }} */
      const found = await getJson(
        "/api/buyers",
        new URLSearchParams({ q: text, limit: "15" }),
      ).catch(() => ({ buyers: [] }));
      buyerList.replaceChildren(
        ...found.buyers.map((b) => h("option", { value: b.siret }, b.nom ?? `SIRET ${b.siret}`)),
      );
    }, 250);
  });
  return form;
}
