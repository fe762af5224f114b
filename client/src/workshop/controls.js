// The workshop form's plain controls: each is labelled, edits one path of the definition, and
// carries the note where the server's error about that path is shown (error-slots.js).
import { h } from "../dom.js";

/** @typedef {ReturnType<typeof import("./error-slots.js").errorSlots>} Slots */
/** @typedef {{ slots: Slots, onChange: () => void }} Context */

/**
 * @param {Context} context
 * @param {string} path
 * @param {string} label
 * @param {() => string} get
 * @param {(value: string) => void} set
 * @param {{ multiline?: boolean, hint?: string, type?: string }} [options]
 */
export function textControl({ slots, onChange }, path, label, get, set, options = {}) {
  const attrs = {
    "data-path": path,
    oninput: () => {
      set(input.value);
      onChange();
    },
  };
  const input = options.multiline
    ? h("textarea", { ...attrs, rows: 3 }, get())
    : h("input", { ...attrs, type: options.type ?? "text", value: get() });
  return h(
    "div",
    { class: "control" },
    h("label", {}, h("span", { class: "label" }, label), input),
    options.hint ? h("p", { class: "note" }, options.hint) : null,
    slots.slot(path, input),
  );
}

/**
 * @param {Context} context
 * @param {string} path
 * @param {string} label
 * @param {{ value: string, label: string }[]} options
 * @param {() => string} get
 * @param {(value: string) => void} set
 * @param {string} [hint]
 */
export function selectControl({ slots, onChange }, path, label, options, get, set, hint) {
  const select = h(
    "select",
    {
      "data-path": path,
      onchange: () => {
        set(select.value);
        onChange();
      },
    },
    options.map((o) => h("option", { value: o.value, selected: o.value === get() }, o.label)),
  );
  return h(
    "div",
    { class: "control" },
    h("label", {}, h("span", { class: "label" }, label), select),
    hint ? h("p", { class: "note" }, hint) : null,
    slots.slot(path, select),
  );
}

/**
 * @param {Context} context
 * @param {string} path
 * @param {string} legend
 * @param {{ value: string, label: string }[]} options
 * @param {() => string[]} get
 * @param {(values: string[]) => void} set
 * @param {string} [hint]
 */
export function checkboxControl({ slots, onChange }, path, legend, options, get, set, hint) {
  const chosen = new Set(get());
  const box = h(
    "fieldset",
    { class: "choices", "data-path": path },
    h("legend", {}, legend),
    hint ? h("p", { class: "note" }, hint) : null,
    h(
      "div",
      { class: "choices__list" },
      options.map((o) =>
        h(
          "label",
          {},
          h("input", {
            type: "checkbox",
            value: o.value,
            checked: chosen.has(o.value),
            onchange: (event) => {
              const input = /** @type {HTMLInputElement} */ (event.target);
              if (input.checked) chosen.add(o.value);
              else chosen.delete(o.value);
              // The order of the options, not of the clicks.
              set(options.map((x) => x.value).filter((v) => chosen.has(v)));
              onChange();
            },
          }),
          ` ${o.label}`,
        ),
      ),
    ),
  );
  return h("div", { class: "control" }, box, slots.slot(path, box));
}

/**
 * What a number box holds for the definition: a number (a decimal comma read as a point), nothing
 * when it is empty (the key is left out, never sent as null), or the text as typed when it is not
 * a number, so that the server says under this very box that a number is expected instead of the
 * text vanishing without a word.
 * @param {string} text
 * @returns {number | string | undefined}
 */
export const numberOrText = (text) => {
  if (text.trim() === "") return undefined;
  const value = Number(text.trim().replace(",", "."));
  return Number.isFinite(value) ? value : text;
};
