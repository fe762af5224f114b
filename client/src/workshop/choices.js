// Régions, départements and CPV divisions are codes in the data (« 53 », not « Bretagne »): a
// field the server marks with `choices` gets the filter bar's own list (/api/filters, read from
// the reference data of the served snapshot), each code shown with its name (« 53 – Bretagne »),
// so the form offers them as it offers any closed list instead of a free box where « Bretagne »
// was accepted and counted no contract.

/** @typedef {import("../types.js").WorkshopModel} WorkshopModel */
/** @typedef {import("../types.js").FilterChoices} FilterChoices */

/**
 * @param {WorkshopModel} model
 * @param {FilterChoices} lists
 * @returns {WorkshopModel}
 */
export function withChoices(model, lists) {
  return {
    ...model,
    fields: model.fields.map((field) => {
      const list = field.choices ? lists[field.choices] : null;
      if (field.values || !list) return field;
      return {
        ...field,
        values: list.map((c) => ({ code: c.code, label: `${c.code} – ${c.label}` })),
      };
    }),
  };
}
