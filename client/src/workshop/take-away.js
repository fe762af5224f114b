// « Emporter » in the workshop: the definition as a YAML file (checked first by the server with
// the catalogue's schema and model: a file that would not load is not offered, its errors are
// shown next to their fields), with who made it and when in its header; and a link that re-opens
// the workshop with the definition in the address.
import { postWorkshop } from "../api.js";
import { h, replace } from "../dom.js";
import { parisDay } from "../shared/paris-day.js";
import { finalDefinition } from "./draft.js";
import { encodeDefinition } from "./permalink.js";
import { definitionYaml } from "./yaml.js";

/**
 * @param {{
 *   draft: () => import("./draft.js").Draft,
 *   slots: ReturnType<typeof import("./error-slots.js").errorSlots>,
 *   status: HTMLElement,
 * }} options
 */
export function takeAway({ draft, slots, status }) {
  const author = h("input", { type: "text", id: "atelier-auteur", autocomplete: "name" });
  const date = h("input", {
    type: "date",
    id: "atelier-date",
    // Today in Paris, as every date of the observatory (not UTC's day, a day behind after midnight).
    value: parisDay(new Date().toISOString()) ?? "",
  });
  const permalink = h(
    "a",
    { class: "workshop-permalink", href: "/atelier" },
    "Lien qui rouvre l'atelier avec cette définition",
  );
  const download = h(
    "button",
    { type: "button", onclick: () => void save() },
    "Télécharger la définition (YAML)",
  );

  async function save() {
    const definition = finalDefinition(draft());
    const answer = await postWorkshop("validate", { definition });
    if (!answer.ok) {
      slots.show(answer.issues);
      replace(
        status,
        `Pas de fichier : ${answer.issues.length} problème(s) à corriger dans la définition (voir les champs signalés).`,
      );
      return;
    }
    const text = definitionYaml(
      /** @type {import("./yaml.js").JsonMap} */ (/** @type {unknown} */ (definition)),
      {
        author: author.value,
        date: date.value,
      },
    );
    const url = URL.createObjectURL(new Blob([text], { type: "application/yaml;charset=utf-8" }));
    const a = h("a", { href: url, download: `${definition.id}.yaml` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    replace(status, `Fichier ${definition.id}.yaml téléchargé.`);
  }

  const element = h(
    "section",
    { class: "workshop-away", "aria-label": "Emporter la définition" },
    h("h2", {}, "Emporter la définition"),
    h(
      "div",
      { class: "control" },
      h("label", { for: "atelier-auteur" }, "Préparée par (facultatif) "),
      author,
    ),
    h("div", { class: "control" }, h("label", { for: "atelier-date" }, "Le "), date),
    download,
    h("p", {}, permalink),
  );
  return {
    element,
    update() {
      permalink.setAttribute("href", `/atelier?d=${encodeDefinition(finalDefinition(draft()))}`);
    },
  };
}
