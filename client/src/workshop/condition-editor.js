// A condition of the workshop's form (the measure's `where`, a part of a share, the `scope`): a
// list of simple tests on the model's fields, all of which must hold, each read in French
// (« Considérations sociales » « contient l'un de » « Clause sociale »). Only the operators the
// field's type allows are offered, and known codes are offered by their labels. A condition of
// another form (or, not), from a catalogue definition, is kept as it is and shown as such.
import { h, replace } from "../dom.js";
import { fromLeaves, leafPath, toLeaves } from "./draft.js";

/** @typedef {import("./draft.js").Condition} Condition */
/** @typedef {import("./draft.js").Leaf} Leaf */
/** @typedef {import("../types.js").WorkshopField} Field */
/** @typedef {ReturnType<typeof import("./error-slots.js").errorSlots>} Slots */

export const OP_LABELS = /** @type {Record<string, string>} */ ({
  eq: "est égal à",
  neq: "est différent de",
  lt: "est inférieur à",
  lte: "est inférieur ou égal à",
  gt: "est supérieur à",
  gte: "est supérieur ou égal à",
  in: "est l'un de",
  nin: "n'est aucun de",
  contains: "contient l'un de",
  is_null: "n'est pas renseigné",
  not_null: "est renseigné",
});
const LIST_OPS = ["in", "nin", "contains"];
const NULL_OPS = ["is_null", "not_null"];

/**
 * @param {Field | undefined} field
 * @param {string} text
 * @returns {string | number | boolean}
 */
function typed(field, text) {
  if (field?.type === "boolean") return text === "true";
  if ((field?.type === "integer" || field?.type === "number") && text.trim() !== "") {
    const number = Number(text.replace(",", "."));
    return Number.isFinite(number) ? number : text;
  }
  return text;
}

/**
 * @param {{
 *   base: string, legend: string, hint?: string, fields: Field[], slots: Slots,
 *   get: () => Condition | undefined, set: (c: Condition | undefined) => void,
 *   onChange: () => void,
 * }} options
 */
export function conditionEditor({ base, legend, hint, fields, slots, get, set, onChange }) {
  const body = h("div", { class: "condition__rows" });
  const element = h(
    "fieldset",
    { class: "condition" },
    h("legend", {}, legend),
    hint ? h("p", { class: "note" }, hint) : null,
    body,
  );
  slots.slot(base, element);
  const byId = new Map(fields.map((f) => [f.id, f]));

  /**
   * The conditions as they are now: a row's value typed since the last drawing is written to the
   * draft without a redraw, so a row's own list of the others would be stale (typing in a second
   * row, or adding one, dropped the date typed in the first).
   * @param {Leaf[]} drawn
   */
  const now = (drawn) => toLeaves(get()) ?? drawn;

  /**
   * @param {number} [focusRow]  the row whose control takes the focus
   * @param {"field" | "op"} [focusRole]  which one: the field (a new row), the test (its change)
   */
  function draw(focusRow, focusRole = "field") {
    const leaves = toLeaves(get());
    if (leaves === null) {
      replace(
        body,
        h("p", {}, "Condition composée (« ou », « pas ») reprise telle quelle :"),
        h("pre", { class: "condition__raw" }, JSON.stringify(get(), null, 1)),
        h(
          "button",
          { type: "button", onclick: () => (set(undefined), draw(), onChange()) },
          "Effacer cette condition",
        ),
      );
      return;
    }
    const write = (/** @type {Leaf[]} */ next) => set(fromLeaves(next));
    const rows = leaves.map((leaf, index) => row(leaves, leaf, index, write));
    replace(
      body,
      rows.length === 0 ? h("p", { class: "note" }, "Aucune condition : tous les marchés.") : null,
      rows,
      h(
        "button",
        {
          type: "button",
          class: "condition__add",
          onclick: () => {
            const current = now(leaves);
            write([...current, { field: "", op: "not_null" }]);
            draw(current.length);
            onChange();
          },
        },
        "Ajouter une condition",
      ),
    );
    if (focusRow !== undefined) {
      /** @type {HTMLElement | undefined} */ (
        body.querySelectorAll(`select[data-role=${focusRole}]`)[focusRow]
      )?.focus();
    }
  }

  /**
   * @param {Leaf[]} leaves
   * @param {Leaf} leaf
   * @param {number} index
   * @param {(next: Leaf[]) => void} write
   */
  function row(leaves, leaf, index, write) {
    const path = leafPath(base, index, leaves.length);
    const field = byId.get(leaf.field ?? "");
    const update = (
      /** @type {Leaf} */ next,
      /** @type {"field" | "op" | undefined} */ redraw = undefined,
    ) => {
      write(now(leaves).map((l, i) => (i === index ? next : l)));
      if (redraw) draw(index, redraw);
      onChange();
    };
    const fieldSelect = h(
      "select",
      {
        "data-role": "field",
        onchange: () => {
          const chosen = byId.get(fieldSelect.value);
          const op = chosen?.ops.includes(leaf.op ?? "") ? leaf.op : "not_null";
          update({ field: fieldSelect.value, op }, "field");
        },
      },
      h("option", { value: "" }, "— choisir un champ —"),
      fields.map((f) => h("option", { value: f.id, selected: f.id === leaf.field }, f.label)),
    );
    const ops = field?.ops ?? Object.keys(OP_LABELS);
    const opSelect = h(
      "select",
      {
        "data-role": "op",
        onchange: () => {
          const op = opSelect.value;
          /** @type {Leaf} */
          const next = { field: leaf.field ?? "", op };
          if (LIST_OPS.includes(op)) next.values = [];
          else if (!NULL_OPS.includes(op)) next.value = field?.values?.[0]?.code ?? "";
          update(next, "op");
        },
      },
      ops.map((op) => h("option", { value: op, selected: op === leaf.op }, OP_LABELS[op] ?? op)),
    );
    const value = valueControl(leaf, field, (next) => update(next));
    const remove = h(
      "button",
      {
        type: "button",
        class: "condition__remove",
        onclick: () => {
          write(now(leaves).filter((_, i) => i !== index));
          draw();
          onChange();
        },
      },
      "Retirer",
    );
    const element = h(
      "div",
      { class: "condition__row", "data-path": path },
      h("label", {}, h("span", { class: "label" }, "Champ"), fieldSelect),
      slots.slot(`${path}.field`, fieldSelect),
      h("label", {}, h("span", { class: "label" }, "Test"), opSelect),
      slots.slot(`${path}.op`, opSelect),
      value ? [value.element, slots.slot(`${path}.${value.key}`, value.control)] : null,
      remove,
    );
    slots.slot(path, element);
    return element;
  }

  draw();
  return { element, draw };
}

/**
 * @param {Leaf} leaf
 * @param {Field | undefined} field
 * @param {(next: Leaf) => void} update
 * @returns {{ element: HTMLElement, control: HTMLElement, key: string } | null}
 */
function valueControl(leaf, field, update) {
  const op = leaf.op ?? "";
  if (NULL_OPS.includes(op)) return null;
  if (LIST_OPS.includes(op)) {
    const chosen = new Set((leaf.values ?? []).map(String));
    if (field?.values) {
      const box = h(
        "fieldset",
        { class: "condition__values" },
        h("legend", {}, "Valeurs"),
        withUnknown(field.values, [...chosen]).map((v) =>
          h(
            "label",
            {},
            h("input", {
              type: "checkbox",
              value: v.code,
              checked: chosen.has(v.code),
              onchange: (event) => {
                const input = /** @type {HTMLInputElement} */ (event.target);
                if (input.checked) chosen.add(v.code);
                else chosen.delete(v.code);
                update({ ...leaf, values: [...chosen] });
              },
            }),
            ` ${v.label}`,
          ),
        ),
      );
      return { element: box, control: box, key: "values" };
    }
    const input = h("input", {
      type: "text",
      value: (leaf.values ?? []).join(", "),
      oninput: () => {
        const values = input.value
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean);
        update({ ...leaf, values: values.map((t) => typed(field, t)) });
      },
    });
    const label = h(
      "label",
      {},
      h("span", { class: "label" }, "Valeurs (séparées par des virgules)"),
      input,
    );
    return { element: label, control: input, key: "values" };
  }
  const current = leaf.value === undefined ? "" : String(leaf.value);
  if (field?.values || field?.type === "boolean") {
    const options = field.values ?? [
      { code: "true", label: "oui" },
      { code: "false", label: "non" },
    ];
    const select = h(
      "select",
      { onchange: () => update({ ...leaf, value: typed(field, select.value) }) },
      withUnknown(options, current === "" ? [] : [current]).map((v) =>
        h("option", { value: v.code, selected: v.code === current }, v.label),
      ),
    );
    return {
      element: h("label", {}, h("span", { class: "label" }, "Valeur"), select),
      control: select,
      key: "value",
    };
  }
  const type = field?.type === "date" ? "date" : "text";
  const input = h("input", {
    type,
    value: current,
    inputmode: field?.type === "integer" || field?.type === "number" ? "decimal" : null,
    oninput: () => update({ ...leaf, value: typed(field, input.value) }),
  });
  return {
    element: h("label", {}, h("span", { class: "label" }, "Valeur"), input),
    control: input,
    key: "value",
  };
}

/**
 * The known codes, then any code the condition holds that is not among them (a link or a catalogue
 * definition written by hand: « Bretagne » for a région), shown as such rather than hidden behind
 * the list's first name.
 * @param {{ code: string, label: string }[]} known
 * @param {string[]} held
 */
function withUnknown(known, held) {
  const codes = new Set(known.map((v) => v.code));
  const unknown = held.filter((code) => !codes.has(code));
  return [
    ...known,
    ...unknown.map((code) => ({
      code,
      label: `« ${code} » : inconnu, à remplacer par un choix de la liste`,
    })),
  ];
}
