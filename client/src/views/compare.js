// « Comparer »: two to five buyers side by side, for one year, on the indicators of the buyer's
// page (the catalogue's `pages.buyer`), with the value of all the data beside them. Buyers are
// chosen by name (or SIRET) with the dashboard's buyer field (components/buyer-picker.js); the
// choice is in the address as SIRETs (`/comparer?acheteurs=SIRET,SIRET&annee=2024`), so a
// comparison can be shared; the table downloads as CSV exactly as shown.
import { getCatalogue, getIndicator, getJson } from "../api.js";
import { buyerPicker } from "../components/buyer-picker.js";
import { displayName } from "../components/lookup.js";
import { h, replace } from "../dom.js";
import { formatValueWithN } from "../format.js";
import { tableElement } from "../table.js";
import { tableCsv } from "../table-csv.js";

const MAX = 5;

/** @type {import("../router.js").View} */
export async function compareView({ main }) {
  document.title = "Comparer des acheteurs – Observatoire de la commande publique";
  const query = new URLSearchParams(location.search);
  const sirets = [
    ...new Set((query.get("acheteurs") ?? "").split(/[\s,;]+/).filter((s) => /^\d{14}$/.test(s))),
  ].slice(0, MAX);
  const buyers = await Promise.all(sirets.map(buyerOf));
  const heading = [
    h("h1", {}, "Comparer des acheteurs"),
    h("p", { class: "lead" }, "Les indicateurs de 2 à 5 acheteurs côte à côte, pour une année."),
    choiceForm(buyers),
  ];
  if (sirets.length < 2) {
    replace(main, ...heading, h("p", {}, "Choisissez au moins deux acheteurs."));
    return;
  }
  const years = [
    ...new Set(buyers.flatMap((b) => b.years.map((y) => y.year)).filter((y) => y !== null)),
  ].sort((a, b) => b - a);
  // How many of the chosen buyers have contracts each year: the comparison opens on the latest
  // year they all have some (else the latest year most of them have), not on a year where one of
  // them would read « aucun marché » all down its column.
  const present = new Map(
    years.map((y) => [y, buyers.filter((b) => b.years.some((e) => e.year === y)).length]),
  );
  const most = Math.max(0, ...present.values());
  const asked = Number(query.get("annee"));
  const year = years.includes(asked) ? asked : (years.find((y) => present.get(y) === most) ?? null);
  if (year === null) {
    replace(main, ...heading, h("p", {}, "Aucun de ces acheteurs n'a de marché daté."));
    return;
  }
  const catalogue = await getCatalogue();
  const indicators = catalogue.pages.buyer
    .map((id) => catalogue.indicators.find((i) => i.id === id))
    .filter((i) => i !== undefined && i.shape === "single")
    .filter((i) => i?.breakdowns.some((d) => d.id === "acheteur_id"));
  const rows = await Promise.all(
    indicators.map(async (ind) => {
      if (!ind) return [];
      const filters = [`acheteur_id~${sirets.join(",")}`, `year=${year}`];
      const per = new URLSearchParams([
        ["by", "acheteur_id"],
        ...filters.map((f) => ["filter", f]),
      ]);
      const all = new URLSearchParams([["filter", `year=${year}`]]);
      const [byBuyer, whole] = await Promise.all([
        getIndicator(ind.id, per),
        getIndicator(ind.id, all),
      ]);
      // No row: the buyer has no contract that year.
      /** @param {import("../types.js").Row | undefined} r */
      const cell = (r) =>
        r ? formatValueWithN(r.value, r.n, r.coverage, ind.format) : "aucun marché";
      return [
        ind.title,
        ...sirets.map((s) => cell(byBuyer.rows.find((r) => r.acheteur_id === s))),
        cell(whole.rows[0]),
      ];
    }),
  );
  const model = {
    headers: ["Indicateur", ...buyers.map((b) => `${b.name} (${b.siret})`), "Toutes les données"],
    rows,
  };
  /** « 2019 », or « 2024 (marchés pour 1 acheteur sur 2) » when some of them have none. */
  const yearLabel = (/** @type {number} */ y) => {
    const count = present.get(y) ?? 0;
    if (count === buyers.length) return String(y);
    return `${y} (marchés pour ${count} acheteur${count > 1 ? "s" : ""} sur ${buyers.length})`;
  };
  const yearPicker = h(
    "form",
    { action: "/comparer", method: "get", class: "search-form", "aria-label": "Choix de l'année" },
    h("input", { type: "hidden", name: "acheteurs", value: sirets.join(",") }),
    h("label", { for: "comparer-annee" }, "Année"),
    h(
      "select",
      { id: "comparer-annee", name: "annee" },
      years.map((y) => h("option", { value: y, selected: y === year }, yearLabel(y))),
    ),
    h("button", { type: "submit" }, "Afficher"),
  );
  const download = h(
    "button",
    {
      type: "button",
      class: "link-button",
      "data-format": "table",
      onclick: () => {
        const url = URL.createObjectURL(
          new Blob([tableCsv(model)], { type: "text/csv;charset=utf-8" }),
        );
        const a = h("a", { href: url, download: `comparaison-acheteurs-${year}.csv` });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      },
    },
    "Télécharger ce tableau (CSV)",
  );
  replace(
    main,
    ...heading,
    yearPicker,
    h(
      "p",
      {},
      buyers.flatMap((b, i) => [
        i > 0 ? " · " : "",
        h("a", { href: `/acheteur/${b.siret}` }, b.name),
      ]),
    ),
    h(
      "div",
      { class: "compare-table" },
      tableElement(
        `Indicateurs en ${year} : chaque valeur avec le nombre de marchés sur lequel elle repose (N) et la part des marchés concernés qu'ils représentent (couverture)`,
        model.headers,
        model.headers.map((_, i) => i > 0),
        model.rows,
        "Aucun indicateur.",
      ),
    ),
    h("p", { class: "exports" }, download),
  );
}

/** @typedef {{ siret: string, name: string, years: import("../types.js").BuyerSummary["by_year"] }} Chosen */

/**
 * A buyer of the address, named as its page names it.
 * @param {string} siret
 * @returns {Promise<Chosen>}
 */
async function buyerOf(siret) {
  try {
    /** @type {import("../types.js").BuyerSummary} */
    const summary = await getJson(`/api/buyers/${siret}`);
    return { siret, name: displayName(summary.nom, siret, "Acheteur"), years: summary.by_year };
  } catch {
    return { siret, name: `Acheteur ${siret} (aucun marché dans les données)`, years: [] };
  }
}

/**
 * The form that writes the address: the buyers chosen, each with a button to take it out, the
 * field that adds one by name, and the button that compares them. A plain GET form: its one
 * sent field holds the SIRETs, separated by commas.
 * @param {Chosen[]} initial
 */
function choiceForm(initial) {
  /** @type {{ siret: string, name: string }[]} */
  const chosen = initial.map(({ siret, name }) => ({ siret, name }));
  const sent = /** @type {HTMLInputElement} */ (
    h("input", { type: "hidden", name: "acheteurs", value: "" })
  );
  const list = h("ul", { class: "plain-list chosen-buyers", "aria-label": "Acheteurs choisis" });
  const note = h("p", { class: "hint", role: "status", "aria-live": "polite" });
  const draw = () => {
    sent.value = chosen.map((b) => b.siret).join(",");
    replace(
      list,
      chosen.length === 0
        ? h("li", {}, "Aucun acheteur choisi.")
        : chosen.map((b, i) =>
            h(
              "li",
              {},
              `${b.name} (SIRET ${b.siret}) `,
              h(
                "button",
                {
                  type: "button",
                  class: "link-button",
                  "aria-label": `Retirer ${b.name}`,
                  onclick: () => {
                    chosen.splice(i, 1);
                    draw();
                    replace(note, `Retiré : ${b.name}.`);
                    picker.element.querySelector("input")?.focus();
                  },
                },
                "Retirer",
              ),
            ),
          ),
    );
  };
  const picker = buyerPicker({
    siret: undefined,
    prefix: "comparer-acheteur",
    label: "Ajouter un acheteur (nom ou SIRET)",
    several: true,
    onChoose: (siret, buyer) => {
      if (siret === null) return;
      if (chosen.some((b) => b.siret === siret)) {
        replace(note, "Cet acheteur est déjà dans la liste.");
      } else if (chosen.length >= MAX) {
        replace(note, "Cinq acheteurs au plus : retirez-en un pour en ajouter un autre.");
      } else {
        chosen.push({ siret, name: displayName(buyer?.nom ?? null, siret, "Acheteur") });
        replace(note, "");
        draw();
      }
    },
  });
  draw();
  return h(
    "form",
    {
      class: "search-form compare-form",
      action: "/comparer",
      method: "get",
      "aria-label": "Choix des acheteurs",
    },
    h("p", {}, "Acheteurs choisis (de 2 à 5) :"),
    list,
    picker.element,
    note,
    sent,
    h("button", { type: "submit" }, "Comparer"),
  );
}
