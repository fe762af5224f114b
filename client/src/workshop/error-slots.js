// Errors next to the field they concern: each control of the workshop's form registers the path
// of the definition it edits (`measure.field`, `measure.numerator.where.and.1.values`); an error
// the server names by that path (`definition.measure.field`) is shown under that control, tied
// to it for screen readers (aria-describedby, aria-invalid). An error no control claims is shown
// in the list at the top of the form, with its path.
import { h, replace } from "../dom.js";

/** @typedef {{ code: string, message: string, param?: string }} Issue */

export function errorSlots() {
  /** @type {Map<string, { control: HTMLElement, note: HTMLElement }>} */
  const slots = new Map();
  let counter = 0;
  const general = h("ul", { class: "workshop-errors", "aria-live": "polite" });

  return {
    general,
    /**
     * A note under `control` for the errors of `path`.
     * @param {string} path
     * @param {HTMLElement} control
     */
    slot(path, control) {
      const id = `erreur-${++counter}`;
      const note = h("p", { class: "field-error", id, "data-error-for": path, hidden: true });
      control.setAttribute("aria-describedby", id);
      slots.set(path, { control, note });
      return note;
    },
    /** Forget slots whose control left the page (a part of the form was drawn again). */
    prune() {
      for (const [path, { control }] of slots) if (!control.isConnected) slots.delete(path);
    },
    /** @param {Issue[]} issues */
    show(issues) {
      this.prune();
      for (const { control, note } of slots.values()) {
        note.hidden = true;
        replace(note);
        control.removeAttribute("aria-invalid");
      }
      /** @type {HTMLElement[]} */
      const unplaced = [];
      for (const issue of issues) {
        const path = (issue.param ?? "").replace(/^definition\.?/, "");
        const target = closest(slots, path);
        if (target && (issue.param ?? "").startsWith("definition")) {
          target.note.hidden = false;
          target.note.append(h("span", {}, issue.message));
          target.control.setAttribute("aria-invalid", "true");
        } else {
          unplaced.push(h("li", {}, `${frenchPlace(issue.param)}${issue.message}`));
        }
      }
      replace(general, unplaced);
    },
  };
}

/**
 * The slot of the path, or of its nearest parent that has one, or else of its first part that
 * has one: a problem with the target as a whole (`target`) is said under its first box, not in
 * the list at the top under the bare word « target ».
 * @template T
 * @param {Map<string, T>} slots
 * @param {string} path
 */
function closest(slots, path) {
  for (let at = path; at; at = at.includes(".") ? at.slice(0, at.lastIndexOf(".")) : "") {
    const found = slots.get(at);
    if (found) return found;
  }
  if (!path) return undefined;
  for (const [at, slot] of slots) if (at.startsWith(`${path}.`)) return slot;
  return undefined;
}

/** @param {string | undefined} param */
function frenchPlace(param) {
  if (!param) return "";
  if (param.startsWith("request")) return "Demande : ";
  return `${param.replace(/^definition\.?/, "") || "définition"} : `;
}
