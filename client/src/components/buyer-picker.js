// The buyer filter: type part of a name (or of a SIRET) and choose among suggestions from
// /api/buyers, or type a whole SIRET. Once chosen, the field shows the buyer's name, and the line
// under it says which buyer the figures are filtered on. An ARIA 1.2 combobox: a text field with
// a listbox popup, driven with the arrow keys, Enter and Escape; counts and mistakes are said in
// a status line (read out by screen readers). With `several`, the field adds buyers to a list the
// caller keeps (« Comparer »): each choice is handed over and the field empties for the next.
import { getJson } from "../api.js";
import { h, replace } from "../dom.js";
import { plural } from "../format.js";

/** @typedef {{ siret: string, nom: string | null, contracts?: number, departement_nom?: string | null }} Buyer */

const SIRET = /^\d{14}$/;
/** Suggestions are asked for from this many characters on (the API wants 2; 3 says more). */
const MIN_CHARS = 3;
const MAX_SUGGESTIONS = 10;

/** @param {Buyer} buyer */
const nameOf = (buyer) => buyer.nom ?? `SIRET ${buyer.siret}`;

/**
 * The buyer with this SIRET, as the search knows it (its most frequent name), or null.
 * @param {string} siret
 * @returns {Promise<Buyer | null>}
 */
async function findBuyer(siret) {
  /** @type {{ buyers: Buyer[] }} */
  const found = await getJson("/api/buyers", new URLSearchParams({ q: siret, limit: "1" }));
  return found.buyers.find((b) => b.siret === siret) ?? null;
}

/**
 * @param {{ siret: string | undefined, onChoose: (siret: string | null, buyer: Buyer | null) => void,
 *   prefix?: string, label?: string, several?: boolean }} options
 *   onChoose: a buyer was chosen (its SIRET, and what the search knows of it), or the field was
 *   emptied (null); prefix: of the elements' ids (default: the filter bar's); label: the field's;
 *   several: the field adds buyers one after the other and sends nothing with its form
 * @returns {{ element: HTMLElement, show: (siret: string | undefined) => Promise<void> }}
 */
export function buyerPicker({
  siret,
  onChoose,
  prefix = "filtre-acheteur",
  label = "Acheteur",
  several = false,
}) {
  const id = `${prefix}_id`;
  const listId = `${prefix}s`;
  /** The SIRET the figures are filtered on (sent with the form). */
  const chosen = /** @type {HTMLInputElement} */ (
    h("input", { type: "hidden", name: several ? null : "acheteur_id", value: siret ?? "" })
  );
  const input = /** @type {HTMLInputElement} */ (
    h("input", {
      id,
      type: "text",
      role: "combobox",
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": listId,
      "aria-describedby": `${prefix}-aide ${prefix}-choisi`,
      autocomplete: "off",
      spellcheck: "false",
      placeholder: "Nom ou SIRET",
    })
  );
  const list = h("ul", {
    id: listId,
    role: "listbox",
    class: "combobox__list",
    "aria-label": "Acheteurs proposés",
    hidden: true,
  });
  const current = h("span", { id: `${prefix}-choisi`, class: "hint" });
  const status = h("span", { class: "hint", role: "status", "aria-live": "polite" });

  /** @type {Buyer[]} */
  let suggestions = [];
  let active = -1;
  /** The name shown for the chosen buyer, to put back when a search is abandoned. */
  let chosenText = "";
  let timer = 0;
  let asked = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const highlight = (/** @type {number} */ index) => {
    active = index;
    [...list.children].forEach((option, i) =>
      option.setAttribute("aria-selected", String(i === index)),
    );
    const option = list.children[index];
    if (option) {
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  };

  const say = (/** @type {Buyer | null} */ buyer, /** @type {string} */ value) => {
    if (several) return;
    replace(
      current,
      !value
        ? ""
        : buyer
          ? `Filtré sur : ${nameOf(buyer)} (SIRET ${buyer.siret}).`
          : `Filtré sur le SIRET ${value} (aucun marché de cet acheteur dans ces données).`,
    );
  };

  const choose = (/** @type {Buyer} */ buyer) => {
    close();
    if (several) {
      // Handed over; the field empties for the next one, and says which was added.
      chosen.value = "";
      chosenText = "";
      input.value = "";
      replace(status, `Ajouté : ${nameOf(buyer)} (SIRET ${buyer.siret}).`);
      onChoose(buyer.siret, buyer);
      return;
    }
    chosen.value = buyer.siret;
    chosenText = nameOf(buyer);
    input.value = chosenText;
    replace(status, "");
    say(buyer, buyer.siret);
    onChoose(buyer.siret, buyer);
  };

  const clear = () => {
    const had = chosen.value !== "";
    chosen.value = "";
    chosenText = "";
    input.value = "";
    close();
    replace(status, "");
    say(null, "");
    if (had) onChoose(null, null);
  };

  const showSuggestions = (/** @type {Buyer[]} */ buyers) => {
    suggestions = buyers;
    replace(
      list,
      buyers.map((b, i) =>
        h(
          "li",
          {
            id: `${listId}-${i}`,
            role: "option",
            "aria-selected": "false",
            // mousedown, not click: the field keeps the focus (no blur closing the list first).
            onmousedown: (/** @type {Event} */ event) => {
              event.preventDefault();
              choose(b);
            },
          },
          h("span", { class: "combobox__name" }, nameOf(b)),
          h(
            "span",
            { class: "combobox__detail" },
            // The département tells apart buyers of one name (« Commune de Saint-Paul »).
            ` ${[
              `SIRET ${b.siret}`,
              b.departement_nom,
              typeof b.contracts === "number" ? plural(b.contracts, "marché", "marchés") : null,
            ]
              .filter(Boolean)
              .join(" · ")}`,
          ),
        ),
      ),
    );
    list.hidden = buyers.length === 0;
    input.setAttribute("aria-expanded", String(buyers.length > 0));
    active = -1;
    replace(
      status,
      buyers.length === 0
        ? "Aucun acheteur trouvé."
        : `${buyers.length === 1 ? "Un acheteur proposé" : `${buyers.length} acheteurs proposés`} : flèche vers le bas pour les parcourir, Entrée pour choisir.`,
    );
  };

  /** A search that could not be made: no list, and the reason in the status line (not « none »). */
  const showFailure = (/** @type {string} */ reason) => {
    suggestions = [];
    replace(list, []);
    close();
    replace(status, `Recherche impossible : ${reason}`);
  };

  const search = (/** @type {string} */ text) => {
    const ticket = ++asked;
    clearTimeout(timer);
    timer = window.setTimeout(async () => {
      /** @type {{ buyers: Buyer[] } | null} */
      let found = null;
      /** Why no suggestion came: the server's refusal (too many words…) or its silence. */
      let failure = "";
      try {
        found = await getJson(
          "/api/buyers",
          new URLSearchParams({ q: text, limit: String(MAX_SUGGESTIONS) }),
        );
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
      // Only the answer to what the field says now.
      if (ticket !== asked || input.value.trim() !== text) return;
      if (found) showSuggestions(found.buyers);
      else showFailure(failure);
    }, 200);
  };

  input.addEventListener("input", () => {
    const text = input.value.trim();
    if (SIRET.test(text) && several) {
      ++asked;
      void findBuyer(text)
        .catch(() => null)
        .then((buyer) => choose(buyer ?? { siret: text, nom: null }));
      return;
    }
    if (SIRET.test(text)) {
      // A whole SIRET needs no choice: the filter applies, and the line says whose it is.
      ++asked;
      close();
      chosen.value = text;
      chosenText = text;
      replace(status, "");
      onChoose(text, null);
      void findBuyer(text)
        .catch(() => null)
        .then((buyer) => {
          if (chosen.value !== text) return;
          say(buyer, text);
          // The field shows the name once the reader has left it.
          if (buyer) chosenText = nameOf(buyer);
          if (buyer && document.activeElement !== input) input.value = chosenText;
        });
      return;
    }
    if (text.length < MIN_CHARS) {
      ++asked;
      close();
      replace(status, "");
      return;
    }
    search(text);
  });

  input.addEventListener("keydown", (event) => {
    const open = !list.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!open) {
        if (suggestions.length > 0 && input.value.trim().length >= MIN_CHARS) {
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
        } else return;
      }
      event.preventDefault();
      const count = suggestions.length;
      const step = event.key === "ArrowDown" ? 1 : -1;
      highlight(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
    } else if (event.key === "Enter") {
      // Enter chooses here; it never submits the form with a half-typed name.
      event.preventDefault();
      const text = input.value.trim();
      const pick = open && active >= 0 ? suggestions[active] : undefined;
      if (pick) choose(pick);
      else if (text === "") clear();
      else if (open && suggestions.length === 1 && suggestions[0]) choose(suggestions[0]);
      else if (!SIRET.test(text) && text !== chosenText) {
        replace(status, "Choisissez un acheteur dans la liste, ou tapez un SIRET de 14 chiffres.");
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        close();
      } else if (input.value !== chosenText) {
        event.preventDefault();
        input.value = chosenText;
      }
    }
  });

  // Leaving the field: the list closes; an emptied field removes the filter; an abandoned search,
  // or the SIRET just typed, gives way to the chosen buyer's name.
  input.addEventListener("blur", () => {
    close();
    const text = input.value.trim();
    if (text === "") clear();
    else if (!SIRET.test(text) || text === chosen.value) input.value = chosenText;
  });
  // The field's own change event must not reach the filter bar (it applies on choice only).
  input.addEventListener("change", (event) => event.stopPropagation());

  const element = h(
    "div",
    { class: "field buyer-picker" },
    h("label", { for: id }, label),
    h("div", { class: "combobox" }, input, list),
    chosen,
    h(
      "span",
      { id: `${prefix}-aide`, class: "hint" },
      "Tapez une partie du nom ou le début du SIRET, puis choisissez.",
    ),
    current,
    status,
  );

  /**
   * Shows the buyer of the address: its name in the field and under it; an empty field without
   * one. Leaves the field alone while the reader is typing in it.
   * @param {string | undefined} value
   */
  const show = async (value) => {
    chosen.value = value ?? "";
    if (!value) {
      chosenText = "";
      if (document.activeElement !== input) input.value = "";
      say(null, "");
      return;
    }
    const buyer = await findBuyer(value).catch(() => null);
    if (chosen.value !== value) return;
    chosenText = buyer ? nameOf(buyer) : value;
    if (document.activeElement !== input) input.value = chosenText;
    say(buyer, value);
  };
  void show(siret);
  return { element, show };
}
