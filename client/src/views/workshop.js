// « Atelier » (/atelier): an agent builds an indicator definition step by step, from a blank page
// or from a catalogue indicator, sees it computed live on the current data with what it cannot
// say, and takes it away as a YAML file for the catalogue, or as a link that re-opens it. The
// definition lives in the page (and, for the link, in the address); the server stores nothing.
import { getFilterChoices, getOnce, postWorkshop } from "../api.js";
import { headline } from "../components/card.js";
import { h, replace } from "../dom.js";
import { formatInteger } from "../format.js";
import { updateAddress } from "../state.js";
import { withChoices } from "../workshop/choices.js";
import { blankDraft, finalDefinition, previewDefinition } from "../workshop/draft.js";
import { errorSlots } from "../workshop/error-slots.js";
import { workshopForm } from "../workshop/form.js";
import { decodeDefinition, encodeDefinition } from "../workshop/permalink.js";
import { resultView, sqlView } from "../workshop/result.js";
import { takeAway } from "../workshop/take-away.js";

/** @typedef {import("../workshop/draft.js").Draft} Draft */
/** @typedef {import("../types.js").WorkshopPreview} Preview */

/** @type {import("../router.js").View} */
export async function workshopView({ main }) {
  document.title = "Atelier : définir un indicateur – Observatoire de la commande publique";
  /** @type {[import("../types.js").WorkshopModel, import("../types.js").FilterChoices]} */
  const [offered, lists] = await Promise.all([getOnce("/api/workshop"), getFilterChoices()]);
  const model = withChoices(offered, lists);
  const asked = new URLSearchParams(location.search);
  const linked = asked.get("d") ? decodeDefinition(asked.get("d") ?? "") : null;
  const from = model.definitions.find((d) => d.id === asked.get("depuis"));
  /** @type {Draft} */
  let draft = /** @type {Draft} */ (structuredClone(linked ?? from ?? blankDraft()));

  const slots = errorSlots();
  // On a phone the live result comes after the whole form: a line kept at the top of the screen
  // says the result as it changes and leads to it (hidden beside the form on a wide screen).
  const glanceText = h("span", { class: "workshop-glance__text" }, "Calcul en cours…");
  const glance = h(
    "p",
    { class: "workshop-glance" },
    glanceText,
    " ",
    h("a", { href: "#resultat-en-direct" }, "Voir le résultat"),
  );
  const status = h("p", { class: "workshop-status", role: "status" });
  const result = h("div", { class: "workshop-result", "data-state": "pending" });
  const formHolder = h("div", {});
  const bySelect = h("select", { id: "atelier-par", onchange: () => schedule(0) });
  const sqlBox = h("div", {});
  const sqlToggle = h(
    "details",
    { class: "workshop-sql-toggle" },
    h("summary", {}, "Voir la requête SQL générée"),
    sqlBox,
  );
  sqlToggle.addEventListener("toggle", () => void (sqlToggle.open && showSql()));
  const away = takeAway({ draft: () => draft, slots, status });

  const dimensionLabel = (/** @type {string} */ id) =>
    model.dimensions.find((d) => d.id === id)?.label ?? id;
  function fillBy() {
    const keep = bySelect.value;
    const choices = draft.breakdowns.filter((b) => b !== "year");
    const chosen = choices.includes(keep)
      ? keep
      : choices.includes("region")
        ? "region"
        : (choices[0] ?? "");
    // With no breakdown allowed but the year (a blank page's draft), an empty list would say
    // nothing: it says where to allow one, and stays disabled until then.
    bySelect.disabled = choices.length === 0;
    replace(
      bySelect,
      choices.length === 0
        ? h("option", { value: "" }, "aucune ventilation permise (voir « Ventilations permises »)")
        : choices.map((id) =>
            h("option", { value: id, selected: id === chosen }, dimensionLabel(id)),
          ),
    );
  }

  let ticket = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  // The address says what is on screen (a reload or a copied address gives it back): the
  // definition started from (`depuis`), or, once the agent changed it, the definition itself, as
  // its link does (`d`). Written with the live result, not on every key (Chromium throttles
  // address changes).
  let edited = false;
  const redraw = () => {
    away.update();
    fillBy();
    schedule(400);
  };
  const onChange = () => {
    edited = true;
    redraw();
  };
  function schedule(/** @type {number} */ delay) {
    clearTimeout(timer);
    result.dataset.state = "pending";
    timer = setTimeout(() => void compute(), delay);
  }

  async function compute() {
    const mine = ++ticket;
    if (edited) {
      edited = false;
      updateAddress(
        { depuis: null, d: encodeDefinition(finalDefinition(draft)) },
        { replace: true },
      );
    }
    result.dataset.state = "pending";
    replace(status, "Calcul en cours…");
    replace(glanceText, "Calcul en cours…");
    const definition = previewDefinition(draft);
    const by = bySelect.value;
    const ask = (/** @type {Record<string, string>} */ request) =>
      postWorkshop("preview", { definition, request });
    const [plain, trend, breakdown] = await Promise.all([
      ask({}),
      draft.breakdowns.includes("year") ? ask({ by: "year" }) : null,
      by ? ask({ by }) : null,
    ]);
    if (mine !== ticket) return;
    if (!plain.ok) {
      slots.show(plain.issues);
      replace(
        result,
        h(
          "p",
          { class: "notice notice--warning" },
          "La définition n'est pas encore calculable : voir les champs signalés.",
        ),
      );
      replace(status, `${plain.issues.length} problème(s) à corriger dans la définition.`);
      replace(glanceText, `Pas encore calculable : ${plain.issues.length} problème(s) à corriger.`);
      result.dataset.state = "error";
      return;
    }
    slots.show([]);
    replace(glanceText, glanceWords(/** @type {Preview} */ (plain.body)));
    const view = resultView({
      plain: /** @type {Preview} */ (plain.body),
      trend: trend?.ok ? /** @type {Preview} */ (trend.body) : null,
      breakdown: breakdown?.ok ? /** @type {Preview} */ (breakdown.body) : null,
      by,
      byLabel: dimensionLabel(by),
    });
    replace(result, view.nodes);
    await view.draw();
    if (mine !== ticket) return;
    replace(status, "Résultat à jour sur les données actuelles.");
    result.dataset.state = "done";
    if (sqlToggle.open) await showSql();
  }

  async function showSql() {
    const answer = await postWorkshop("validate", {
      definition: previewDefinition(draft),
      sql: true,
    });
    if (answer.ok) {
      const body = /** @type {import("../types.js").WorkshopValidation} */ (answer.body);
      if (body.sql) replace(sqlBox, sqlView(body.sql));
    } else replace(sqlBox, h("p", {}, "Pas de requête tant que la définition a des erreurs."));
  }

  function drawForm() {
    replace(formHolder, workshopForm({ draft: () => draft, model, context: { slots, onChange } }));
    slots.prune();
  }

  const starter = h(
    "select",
    { id: "atelier-depuis" },
    h("option", { value: "" }, "une page blanche"),
    model.definitions.map((d) =>
      h("option", { value: d.id, selected: d.id === from?.id }, d.title),
    ),
  );
  const start = () => {
    const chosen = model.definitions.find((d) => d.id === starter.value);
    draft = /** @type {Draft} */ (structuredClone(chosen ?? blankDraft()));
    edited = false;
    updateAddress({ depuis: chosen?.id ?? null, d: null }, { replace: true });
    drawForm();
    redraw();
  };

  replace(
    main,
    h("h1", {}, "Atelier : définir un indicateur"),
    h(
      "p",
      { class: "lead" },
      "Construisez un indicateur pas à pas : ce que l'on compte, la mesure, les marchés concernés, la manière de le lire. Il est calculé en direct sur les données actuelles, avec ce qu'il ne peut pas dire. Emportez ensuite sa définition (fichier YAML) pour la faire relire et ajouter au catalogue. Rien n'est enregistré sur le serveur.",
    ),
    h(
      "div",
      { class: "workshop-start" },
      h("label", { for: "atelier-depuis" }, "Partir de… "),
      starter,
      h("button", { type: "button", onclick: start }, "Commencer"),
    ),
    h(
      "div",
      { class: "workshop" },
      glance,
      h(
        "form",
        {
          class: "workshop__form",
          "aria-label": "Définition",
          onsubmit: (e) => e.preventDefault(),
        },
        slots.general,
        formHolder,
      ),
      h(
        "div",
        { class: "workshop__live" },
        h("h2", { id: "resultat-en-direct", tabindex: "-1" }, "Résultat en direct"),
        status,
        h(
          "div",
          { class: "control" },
          h("label", { for: "atelier-par" }, "Répartir par "),
          bySelect,
        ),
        result,
        sqlToggle,
        away.element,
      ),
    ),
  );
  drawForm();
  fillBy();
  away.update();
  await compute();
}

/**
 * The result in a few words, for the line at the top of a phone's screen.
 * @param {Preview} plain
 */
function glanceWords(plain) {
  const { text, row } = headline(plain);
  const count = typeof row?.n === "number" ? formatInteger(row.n) : "";
  // A count of contracts is its own N: said once.
  const n = count && !text.startsWith(count) ? ` (N = ${count})` : "";
  return `Résultat : ${text}${n}.`;
}
