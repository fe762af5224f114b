// What a run counted beyond its balance: contracts kept under a key derived from their content
// (an id missing or generic, or lots published under one id), and the cases the ETL checks on
// every record (etl/normalise/problems.ts RUN_CASES), in plain French.
import { h } from "../dom.js";
import { formatInteger, plural } from "../format.js";

/**
 * @typedef {{ placeholder_id?: number, shared_id?: number }} DerivedKeys
 * @typedef {{ derived_keys?: DerivedKeys, cases?: Record<string, number> }} CountedSource
 */

/** The French words of each case; a case the client does not know is shown by its code. */
const CASES = /** @type {Record<string, string>} */ ({
  amount_delta_set_aside:
    "montants de modification écartés car ils semblent être une variation et non le nouveau total (le marché garde son dernier total plausible)",
  siret_type_recognised: "titulaires sans type d'identifiant, reconnus comme SIRET valides",
  empty_party_dropped:
    "titulaires ou concessionnaires vides écartés (ni identifiant, ni type, ni nom)",
  repeated_party_dropped:
    "titulaires ou concessionnaires inscrits plusieurs fois sur un même marché, comptés une fois",
  future_date_nulled: "dates postérieures au jour du chargement, effacées",
  notified_after_publication:
    "marchés notifiés après la publication de leurs données (l'une des deux dates est fausse)",
  value_outside_list: "valeurs hors des listes de la norme DECP, effacées",
  subcontracting_contradiction:
    "marchés déclarés sans sous-traitance mais qui publient des actes de sous-traitance",
});

/** The cell of a source's derived keys: the total, and why in its title. @param {CountedSource} s */
export function derivedKeysCell(s) {
  const placeholder = s.derived_keys?.placeholder_id ?? 0;
  const shared = s.derived_keys?.shared_id ?? 0;
  if (s.derived_keys === undefined) return h("td", { class: "num" }, "—");
  return h(
    "td",
    {
      class: "num",
      title: `${plural(placeholder, "marché", "marchés")} à l'identifiant absent ou générique ; ${plural(shared, "lot publié", "lots publiés")} sous un même identifiant`,
    },
    formatInteger(placeholder + shared),
  );
}

/**
 * The run's checks, summed over its sources: a short list, or null when nothing was counted.
 * @param {CountedSource[]} sources
 */
export function runChecks(sources) {
  /** @type {Map<string, number>} */
  const totals = new Map();
  const add = (/** @type {string} */ key, /** @type {number | undefined} */ n) =>
    totals.set(key, (totals.get(key) ?? 0) + (n ?? 0));
  for (const s of sources) {
    add("placeholder_id", s.derived_keys?.placeholder_id);
    add("shared_id", s.derived_keys?.shared_id);
    for (const [key, n] of Object.entries(s.cases ?? {})) add(key, n);
  }
  const items = [];
  const placeholder = totals.get("placeholder_id") ?? 0;
  const shared = totals.get("shared_id") ?? 0;
  if (placeholder > 0) {
    items.push(
      `${plural(placeholder, "marché gardé", "marchés gardés")} sous une clé tirée de l'acheteur et du contenu, car leur identifiant est absent ou générique (000000000000, une année seule…)`,
    );
  }
  if (shared > 0) {
    items.push(
      `${plural(shared, "lot gardé", "lots gardés")} chacun comme un marché, car plusieurs lots différents sont publiés le même jour sous un même identifiant`,
    );
  }
  for (const [key, n] of totals) {
    if (key === "placeholder_id" || key === "shared_id" || n === 0) continue;
    items.push(`${formatInteger(n)} ${CASES[key] ?? key}`);
  }
  if (items.length === 0) return null;
  return h(
    "div",
    { class: "run-checks" },
    h("p", {}, "Vérifié et compté pendant cette mise à jour :"),
    h(
      "ul",
      {},
      items.map((text) => h("li", {}, text)),
    ),
  );
}
