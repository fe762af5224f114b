// Home: every indicator of the catalogue as a card, grouped by question, under the filters. The
// questions and their indicators, in order, come with the catalogue (each definition's `theme`). A
// change of filters redraws the cards only: the filter bar, and the control in use, stay. A card's
// chart is drawn when it comes near the screen (charts/lazy.js).
import { getCatalogue, runLimited } from "../api.js";
import { nearChartsDrawn } from "../charts/lazy.js";
import { indicatorCard } from "../components/card.js";
import { applyFilters, filterBar } from "../components/filter-bar.js";
import { h, replace } from "../dom.js";
import { freshnessLine } from "../freshness.js";
import { FILTER_KEYS, readFilters } from "../state.js";

/** @type {import("../router.js").View} */
export async function homeView({ main }) {
  document.title = "Indicateurs – Observatoire de la commande publique";
  const filters = readFilters();
  const [catalogue, bar, freshness] = await Promise.all([
    getCatalogue(),
    filterBar({ filters, onChange: (next) => void applyFilters(next) }),
    freshnessLine().catch(() => null),
  ]);
  /** The card of each indicator, in its place in the page. */
  const slots = new Map(catalogue.indicators.map((ind) => [ind.id, h("div", { class: "slot" })]));
  /** Draws every card for the filters of the address. */
  const drawCards = async () => {
    const now = readFilters();
    // A place of no région or département, an inverted period: the cards say so instead of
    // asking the server, which would refuse.
    const notComputed = bar.notComputedNote(now);
    const cards = catalogue.indicators.map((ind) => {
      const card = indicatorCard(ind, now, notComputed);
      slots.get(ind.id)?.replaceChildren(card.element);
      return card;
    });
    await runLimited(
      cards.map((card) => card.load),
      4,
    );
    // The charts far down the page are drawn as the reader scrolls to them.
    await nearChartsDrawn();
  };
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
    bar.element,
    catalogue.themes.map((theme) =>
      h(
        "section",
        { class: "theme" },
        h("h2", {}, theme.title),
        h(
          "div",
          { class: "cards" },
          theme.indicators.map((id) => slots.get(id) ?? null),
        ),
      ),
    ),
  );
  await drawCards();
  return {
    async update(changed) {
      if (!FILTER_KEYS.some((key) => changed.has(key))) return;
      bar.show(readFilters());
      await drawCards();
    },
  };
}
