// The engine's messages (English, for maintainers reading a definition file) said in French, for the
// workshop's agents (each kept at its dotted path) and for the API's users (errors.ts: the refusals
// of the indicator and export routes): one table for both, so the two never say a problem apart.
// A message with no French form here is shown as the engine wrote it rather than lost: the path or
// the parameter still says where the problem is.
import type { Model } from "../indicators/index.ts";

const TYPES: Record<string, string> = {
  string: "un texte",
  integer: "un nombre entier",
  number: "un nombre",
  boolean: "un oui/non",
  date: "une date",
  string_list: "une liste de codes",
};

type Rule = [RegExp, (match: RegExpMatchArray, name: (id: string) => string) => string];

const RULES: Rule[] = [
  [/^unknown key$/, () => "clé inconnue : elle ne fait pas partie d'une définition"],
  [
    /^unknown field "(.*)"$/,
    (m) => `Choisissez un champ de la liste (« ${m[1]} » n'en est pas un).`,
  ],
  [/^unknown supplier field "(.*)"$/, (m) => `champ de titulaire inconnu « ${m[1]} »`],
  [
    /^unknown dimension "([^"]*)"(?:; allowed: (.*))?$/,
    (m) => `dimension inconnue « ${m[1]} »${m[2] ? ` ; dimensions permises : ${m[2]}` : ""}`,
  ],
  [
    /^unknown indicator "(.*)"$/,
    (m) => `indicateur inconnu « ${m[1]} » : la liste des indicateurs est à GET /api/indicators`,
  ],
  [
    /^cannot read filter "(.*)": expected/,
    (m) =>
      `filtre illisible « ${m[1]} » : écrivez DIM=VALEUR, DIM!=VALEUR, DIM<VALEUR, DIM<=VALEUR, DIM>VALEUR, DIM>=VALEUR, DIM~V1,V2 (l'une des valeurs) ou DIM!~V1,V2 (aucune d'elles)`,
  ],
  [/^filter "(.*)" has no value$/, (m) => `le filtre « ${m[1]} » n'a pas de valeur`],
  [
    /^filter "(.*)" has one "=" too many: write (.*)$/,
    (m) => `le filtre « ${m[1]} » a un signe = de trop : écrivez ${m[2]} (un seul signe =)`,
  ],
  [/^give one grain$/, () => "donnez un seul pas de temps (grain)"],
  [/^at most (\d+) filters$/, (m) => `au plus ${m[1]} filtres`],
  [/^at most (\d+) values per filter$/, (m) => `au plus ${m[1]} valeurs par filtre`],
  [
    /^(\w+) on (\w+) takes exactly one value$/,
    (m) => `le test ${m[1]} sur ${m[2]} prend une seule valeur (plusieurs : ${m[2]}~a,b)`,
  ],
  [
    /^(\w+) has no order; use =, !=, in or nin$/,
    (m) =>
      `les valeurs de ${m[1]} forment une liste sans ordre : utilisez =, !=, ~ (l'une de) ou !~ (aucune de)`,
  ],
  [
    /^a value of (\w+) exceeds (\d+) characters$/,
    (m) => `une valeur de ${m[1]} dépasse ${m[2]} caractères`,
  ],
  [
    /^field "(.*)" is (\w+), not numeric$/,
    (m, name) =>
      `Choisissez un champ de nombres : « ${name(m[1] ?? "")} » est ${TYPES[m[2] ?? ""] ?? m[2]}, pas un nombre (une somme, une moyenne, une médiane, un minimum ou un maximum portent sur des nombres).`,
  ],
  [
    /^"(.*)" is the mix's own category$/,
    (m, name) =>
      `« ${name(m[1] ?? "")} » est la catégorie de la répartition : pas de ventilation par elle`,
  ],
  [
    /^a neutral indicator has no thresholds$/,
    () =>
      "Un indicateur neutre n'a pas de seuils : choisissez un sens de lecture (« plus c'est haut, mieux c'est » ou l'inverse), ou retirez les seuils.",
  ],
  [
    /^a neutral indicator has no target$/,
    () =>
      "Un indicateur neutre n'a pas de cible : choisissez un sens de lecture (« plus c'est haut, mieux c'est » ou l'inverse), ou videz les cases de la cible.",
  ],
  [/^with \w+, green uses (.*)$/, (m) => `avec ce sens de lecture, le vert s'écrit avec ${m[1]}`],
  [
    /^with \w+, red cannot use (.*)$/,
    (m) => `avec ce sens de lecture, le rouge ne peut pas utiliser ${m[1]}`,
  ],
  [
    /^green and red bounds are in the wrong order$/,
    () => "les seuils vert et rouge sont dans le mauvais ordre",
  ],
  [
    /^only contains, is_null, not_null apply to a list \(field "(.*)" is \w+\)$/,
    (m, name) =>
      `« ${name(m[1] ?? "")} » est une liste : seuls « contient », « est vide » et « est renseigné » s'y appliquent`,
  ],
  [
    /^contains applies to list fields only \(field "(.*)" is (\w+)\)$/,
    (m, name) =>
      `« contient » ne s'applique qu'à une liste ; « ${name(m[1] ?? "")} » est ${TYPES[m[2] ?? ""] ?? m[2]}`,
  ],
  [
    /^(\w+) does not apply to a boolean \(field "(.*)" is boolean\)$/,
    (m, name) =>
      `« ${name(m[2] ?? "")} » est un oui/non : seuls « égal » et « différent » s'y appliquent`,
  ],
  [
    /^the codes of a closed list have no order for \w+ \(field "(.*)" is \w+\)$/,
    (m, name) =>
      `les valeurs de « ${name(m[1] ?? "")} » forment une liste sans ordre : choisissez « est égal à », « est différent de », « est l'un de » ou « n'est aucun de »`,
  ],
  [/^expected a text value$/, () => "Écrivez un texte."],
  [/^expected an integer$/, () => "Indiquez un nombre entier (par exemple 3)."],
  [/^expected a number$/, () => "Indiquez un nombre (par exemple 40000 ou 0,5)."],
  [/^expected true or false$/, () => "Choisissez oui ou non."],
  [/^expected a date YYYY-MM-DD$/, () => "Choisissez une date (jour, mois, année)."],
  [
    /^give exactly one of/,
    () => "une condition porte sur un champ, ou combine d'autres conditions (toutes, l'une, pas)",
  ],
  [/belong to a `field` condition$/, () => "opérateur et valeurs ne vont qu'avec un champ"],
  [/^required with `field`$/, () => "Choisissez un test dans la liste."],
  [/^required by op (\w+)$/, () => "Indiquez une valeur pour ce test."],
  [/^not allowed with op (\w+)$/, () => "Ce test ne prend pas de valeur : videz la case."],
  [
    /^give `green`, `red` or both$/,
    () => "Indiquez un seuil vert, un seuil rouge ou les deux, ou retirez les seuils.",
  ],
  [
    /^must be snake_case/,
    () => "en minuscules sans accents, chiffres et _ , commençant par une lettre",
  ],
  [
    /^"(.*)" is not available for .*; allowed: (.*)$/,
    (m) => `« ${m[1]} » n'est pas permis par la définition ; permis : ${m[2]}`,
  ],
  [/^at most (\d+) breakdowns$/, (m) => `au plus ${m[1]} ventilations`],
  [/^grain must be one of (.*)$/, (m) => `le pas de temps est l'un de ${m[1]}`],
  [
    /^.* cannot be broken down by (\w+)$/,
    (m) => `la définition ne permet pas de ventiler par ${m[1]}`,
  ],
  [
    /^unknown value "(.*)" for (\w+); allowed: (.*)$/,
    (m) => `valeur inconnue « ${m[1]} » pour ${m[2]} ; valeurs permises : ${m[3]}`,
  ],
  [
    /^(\w+) expects an integer, got "(.*)"$/,
    (m) => `${m[1]} attend un nombre entier, pas « ${m[2]} »`,
  ],
  [
    /^(\w+) is out of range: "(.*)" has more than nine digits$/,
    (m) => `${m[1]} hors des valeurs possibles : « ${m[2]} » a plus de neuf chiffres`,
  ],
  [
    /^(\w+) expects a value like (\S+), got "(.*)"$/,
    (m) => `${m[1]} attend une valeur de la forme ${m[2]}, pas « ${m[3]} »`,
  ],
  [/^unknown operator "(.*)"(?:; allowed: .*)?$/, (m) => `opérateur inconnu « ${m[1]} »`],
  [
    /^empty range on (\w+): "(.*)" and "(.*)" cannot both hold$/,
    (m) =>
      `les filtres « ${m[2]} » et « ${m[3]} » se contredisent : la borne basse de ${m[1]} dépasse sa borne haute, aucun marché ne peut les remplir ensemble ; vérifiez l'ordre des bornes`,
  ],
];

/** The French form of an engine message; field ids become their labels where they are named. */
export function frenchMessage(message: string, model: Model): string {
  const name = (id: string) => model.fields.get(id)?.label ?? id;
  for (const [pattern, say] of RULES) {
    const match = message.match(pattern);
    if (match) return say(match, name);
  }
  return message;
}
