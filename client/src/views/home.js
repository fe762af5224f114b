// Home: every indicator of the catalogue as a card, grouped by question, under the filters. The
// questions and their indicators, in order, come with the catalogue (each definition's `theme`).
import { getCatalogue, runLimited } from "../api.js";
import { indicatorCard } from "../components/card.js";
import { filterBar } from "../components/filter-bar.js";
import { h, replace } from "../dom.js";
import { freshnessLine } from "../freshness.js";
import { render } from "../router.js";
import { FILTER_KEYS, readFilters, updateAddress } from "../state.js";

/**
 * Writes new filters to the address and shows the page again.
 * @param {import("../state.js").Filters} next
 */
export function applyFilters(next) {
  updateAddress(Object.fromEntries(FILTER_KEYS.map((key) => [key, next[key] ?? null])));
  return render();
}

/** @type {import("../router.js").View} */
export async function homeView({ main }) {
  document.title = "Indicateurs – Observatoire de la commande publique";
  const filters = readFilters();
  const [catalogue, bar, freshness] = await Promise.all([
    getCatalogue(),
    filterBar({ filters, onChange: (next) => void applyFilters(next) }),
    freshnessLine().catch(() => null),
  ]);
  const cards = catalogue.indicators.map((ind) => ({ ind, card: indicatorCard(ind, filters) }));
  const cardOf = new Map(cards.map((c) => [c.ind.id, c.card]));
  replace(
    main,
    h("h1", {}, "La commande publique en chiffres"),
    h(
      "p",
      { class: "lead" },
      "Ces indicateurs sont calculés à partir des données essentielles des marchés publics, que les acheteurs publics doivent publier. ",
      "Chaque chiffre dit sur combien de marchés il repose (N) et quelle part des marchés renseigne l'information utilisée (couverture).",
    ),
    freshness,
    bar,
    catalogue.themes.map((theme) =>
      h(
        "section",
        { class: "theme" },
        h("h2", {}, theme.title),
        h(
          "div",
          { class: "cards" },
          theme.indicators.map((id) => cardOf.get(id)?.element ?? null),
        ),
      ),
    ),
  );
  await runLimited(
    cards.map(({ card }) => card.load),
    4,
  );
}
