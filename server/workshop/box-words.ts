// What to do in the box a shape problem is about, said to a buyer's agent filling the workshop's
// form. zod's own French (« Entrée invalide : nombre attendu, null reçu ») names types, not boxes,
// and the Identifier rule (« snake_case ») said nothing useful under a field not yet chosen: each
// problem is said from where it is (its path) and what is there (empty or not), never from zod's
// wording. Messages the engine writes itself (refinements) are left to engine-french.ts.
import type { z } from "zod";
import { listed } from "../../client/src/shared/french-words.js";

type Say = (empty: boolean) => string;

const EMPTY_TARGET = "ou videz les cases de la cible pour ne pas en fixer";

/**
 * Path patterns (list positions as #) → what to do there. First match wins: the boxes of the
 * target and thresholds before a condition's `value`, which ends their paths too.
 */
const BOXES: [RegExp, Say][] = [
  [/^min_n$/, () => "Indiquez un nombre entier de marchés, 1 ou plus (par exemple 10)."],
  [/^min_coverage$/, () => "Indiquez une part entre 0 et 1 (0,5 = 50 %)."],
  [/^target\.value$/, () => `Indiquez un nombre (pour une part, 0,3 = 30 %), ${EMPTY_TARGET}.`],
  [/^target\.year$/, () => `Indiquez l'année de la cible, entre 2000 et 2100, ${EMPTY_TARGET}.`],
  [/^target\.label$/, () => `Écrivez la cible en une phrase, ${EMPTY_TARGET}.`],
  [
    /^target\.source$/,
    () => `Indiquez d'où vient la cible (texte officiel, plan…), ${EMPTY_TARGET}.`,
  ],
  [
    /^thresholds\.\w+\.value$/,
    () => "Indiquez un nombre, ou videz la case pour ne pas fixer de seuil.",
  ],
  [/^thresholds\.\w+\.op$/, () => "Choisissez une comparaison (inférieur, supérieur…)."],
  [/^thresholds\.source$/, () => "Indiquez qui a fixé ces seuils."],
  [/^title$/, () => "Écrivez un titre."],
  [/^description$/, () => "Écrivez une description en mots simples."],
  [/^formula$/, () => "Écrivez la formule, en mots."],
  [/^source\.name$/, () => "Indiquez d'où vient la définition (texte, plan, service…)."],
  [
    /^source\.url$/,
    () => "Indiquez une adresse complète commençant par https://, ou videz la case.",
  ],
  [
    /^id$/,
    () =>
      "Écrivez un identifiant en minuscules sans accents ni espaces, avec des chiffres ou des _ si besoin, commençant par une lettre (par exemple part_clause_sociale).",
  ],
  [/^caveats\.#$/, () => "Écrivez la précaution, ou retirez la ligne vide."],
  [/^version$/, () => "Indiquez un numéro de version entier, 1 ou plus."],
  [/^(requires_fields|breakdowns|filters)(\.#)?$/, () => "Cochez des cases de la liste."],
  [
    /(^|\.)field$/,
    (empty) => (empty ? "Choisissez un champ." : "Choisissez un champ de la liste."),
  ],
  [/(^|\.)op$/, () => "Choisissez un test dans la liste."],
  [/(^|\.)values(\.#)?$/, () => "Choisissez ou écrivez au moins une valeur pour ce test."],
  [/(^|\.)value$/, () => "Indiquez une valeur pour ce test."],
  [/(^|\.)kind$/, () => "Choisissez un type de mesure dans la liste."],
  [
    /^(unit|format|polarity|counting_unit|requires_format)$/,
    () => "Choisissez l'une des valeurs proposées.",
  ],
];

/** The value at a path of the body as sent (undefined when the path leads nowhere). */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let at = root;
  for (const key of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/**
 * What to do in the box of a zod issue of the definition, or null when the issue is the engine's
 * own refinement (a message of its own, said in French by engine-french.ts).
 */
export function boxMessage(issue: z.core.$ZodIssue, definition: unknown): string | null {
  if (issue.code === "custom") return null;
  const where = issue.path.map((k) => (typeof k === "number" ? "#" : String(k))).join(".");
  const empty = isEmpty(valueAt(definition, issue.path));
  for (const [pattern, say] of BOXES) if (pattern.test(where)) return say(empty);
  return empty ? "Remplissez cette case." : "Corrigez cette case : sa valeur n'est pas acceptée.";
}

/** The target's boxes in the form's order, each as the sentence names what is left of it. */
const TARGET_PARTS: [string, string][] = [
  ["value", "sa valeur"],
  ["year", "son année"],
  ["label", "sa phrase"],
  ["source", "sa source"],
];

/**
 * A target only started (a value typed, no year yet, or the reverse) is said once, under its
 * first box left empty, naming what is left: its other empty boxes stay quiet. Each used to say
 * « … ou videz les cases de la cible » at once, three messages for one step of the agent. The
 * issues of the target's empty boxes that this message replaces are dropped (a box given letters
 * keeps its own message).
 */
export function startedTarget(
  issues: readonly z.core.$ZodIssue[],
  definition: unknown,
): { issues: z.core.$ZodIssue[]; said: { path: string[]; message: string } | null } {
  const target = valueAt(definition, ["target"]);
  const emptyBox = (issue: z.core.$ZodIssue) =>
    issue.path.length === 2 &&
    issue.path[0] === "target" &&
    issue.code !== "custom" &&
    isEmpty(valueAt(definition, issue.path));
  const left = TARGET_PARTS.filter(([key]) =>
    issues.some((issue) => emptyBox(issue) && issue.path[1] === key),
  );
  const started =
    target !== null &&
    typeof target === "object" &&
    TARGET_PARTS.some(([key]) => !isEmpty(valueAt(target, [key])));
  const first = left[0];
  if (!started || !first) return { issues: [...issues], said: null };
  return {
    issues: issues.filter((issue) => !emptyBox(issue)),
    said: {
      path: ["target", first[0]],
      message: `Cible commencée : indiquez aussi ${listed(left.map(([, words]) => words))}, ou videz ses cases pour ne pas fixer de cible.`,
    },
  };
}
