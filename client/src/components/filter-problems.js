// Filters of an address that cannot hold together: a period whose first year comes after its
// last, a département outside the chosen région. A shared link or a hand-written address can
// carry them. The server refuses an inverted period and a place code of no place (nothing is
// asked of it then: notComputedNote); a département outside the région is computed on no
// contract at all, and N = 0 alone would not say why. Each problem is said in words, with the changes of address that settle it: the filters
// stay as the address has them (the figures always follow what the bar shows), and the reader
// chooses which one to change.

/** @typedef {import("../state.js").Filters} Filters */
/** @typedef {import("../types.js").FilterChoices} FilterChoices */

/**
 * @typedef {{ label: string, changes: Record<string, string | null>, focus: string }} FilterFix
 *   focus: the filter whose control shows the change (the focus goes there once it is made)
 * @typedef {{ key: string, text: string, fixes: FilterFix[] }} FilterProblem
 */

/**
 * @param {Filters} filters
 * @param {FilterChoices} choices
 * @returns {FilterProblem[]}
 */
export function filterProblems(filters, choices) {
  /** @type {FilterProblem[]} */
  const problems = [];
  const from = Number(filters.year_from);
  const to = Number(filters.year_to);
  if (filters.year_from && filters.year_to && from > to) {
    problems.push({
      key: "years",
      text: `La période choisie est inversée : « à partir de ${filters.year_from} » et « jusqu'à ${filters.year_to} ». Aucun marché ne peut répondre aux deux à la fois : les chiffres ne peuvent pas être calculés sur cette période.`,
      fixes: [
        {
          label: `Remettre dans l'ordre : de ${filters.year_to} à ${filters.year_from}`,
          changes: { year_from: filters.year_to, year_to: filters.year_from },
          focus: "year_from",
        },
      ],
    });
  }
  // A région or département code of no place (a link written by hand: region=99): the server
  // refuses to compute on it, and the box alone (« 99 (valeur inconnue) ») would not say why.
  for (const { key, text } of unknownPlaces(filters, choices)) {
    problems.push({
      key: `unknown-${key}`,
      text: `${text} : les chiffres ne peuvent pas être calculés sur ce filtre.`,
      fixes: [{ label: "Retirer ce filtre", changes: { [key]: null }, focus: key }],
    });
  }
  const dep = outsideDepartement(filters, choices);
  if (dep) {
    const region = choices.region.find((r) => r.code === filters.region);
    const its = choices.region.find((r) => r.code === dep.region);
    problems.push({
      key: "place",
      text: `Le département ${dep.code} – ${dep.label} n'est pas dans la région ${region?.label ?? filters.region ?? ""} : aucun marché ne peut avoir son lieu d'exécution dans les deux à la fois, d'où des chiffres vides.`,
      fixes: [
        {
          label: "Retirer le département",
          changes: { departement: null },
          focus: "departement",
        },
        {
          label: `Garder ${dep.label} et choisir sa région${its ? ` (${its.label})` : ""}`,
          changes: { region: dep.region },
          focus: "region",
        },
      ],
    });
  }
  return problems;
}

/**
 * The filters' département when a région is chosen and the département is not in it.
 * @param {Filters} filters
 * @param {FilterChoices} choices
 */
export function outsideDepartement(filters, choices) {
  if (!filters.region || !filters.departement) return undefined;
  const dep = choices.departement.find((d) => d.code === filters.departement);
  return dep && dep.region !== filters.region ? dep : undefined;
}

/**
 * The région and département codes of the address that name no place, each with the sentence
 * that says so.
 * @param {Filters} filters
 * @param {FilterChoices} choices
 * @returns {{ key: "region" | "departement", text: string }[]}
 */
function unknownPlaces(filters, choices) {
  /** @type {{ key: "region" | "departement", text: string }[]} */
  const unknown = [];
  for (const [key, noun, none] of /** @type {const} */ ([
    ["region", "région", "aucune région"],
    ["departement", "département", "aucun département"],
  ])) {
    const code = filters[key];
    if (code && !choices[key].some((c) => c.code === code))
      unknown.push({
        key,
        text: `Le code de ${noun} « ${code} » de l'adresse ne correspond à ${none}`,
      });
  }
  return unknown;
}

/**
 * What a figure says instead of its value when the filters cannot be computed: a place that does
 * not exist, a period whose first year comes after its last. The server refuses such a request
 * (its 400 would fill every card with the same refusal), so none is sent (null: the filters can
 * be computed).
 * @param {Filters} filters
 * @param {FilterChoices} choices
 * @returns {string | null}
 */
export function notComputedNote(filters, choices) {
  const reasons = unknownPlaces(filters, choices).map((u) => u.text.replace(/^Le/, "le"));
  if (filters.year_from && filters.year_to && Number(filters.year_from) > Number(filters.year_to)) {
    reasons.push(`la période choisie est inversée (de ${filters.year_from} à ${filters.year_to})`);
  }
  return reasons.length === 0 ? null : `Non calculé : ${reasons.join(", et ")}.`;
}
