// Every problem the workshop's form can produce is said in plain French at its box, saying what
// to do there: never zod's words (« Entrée invalide : nombre attendu, null reçu », « Trop petit :
// … >=1 ») nor the identifier rule (« snake_case », « chiffres et _ ») under a field not yet
// chosen. Each body below is what the form sends after an agent's step (a box emptied, a list
// left on « — choisir un champ — », letters in a number box), on the real server.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ApiErrorBody } from "../../server/api-types.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

/** The blank page's definition as the live preview sends it (draft.js previewDefinition). */
const blank = () => ({
  id: "mon_indicateur",
  version: 1,
  title: "Indicateur en préparation",
  description: "Description à écrire.",
  formula: "formule à écrire",
  unit: "contracts",
  format: "integer",
  counting_unit: "contract",
  requires_format: "any",
  min_n: 10,
  polarity: "higher_is_better",
  requires_fields: [],
  measure: { kind: "count_distinct" } as Record<string, unknown>,
  breakdowns: ["year"],
  filters: ["year"],
  caveats: [],
  source: { name: "à préciser" },
});
type Definition = ReturnType<typeof blank> & Record<string, unknown>;

async function said(change: (d: Definition) => void): Promise<Record<string, string>> {
  const definition: Definition = blank();
  change(definition);
  const response = await fetch(`${t.url}/api/workshop/preview`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ definition, request: {} }),
  });
  expect(response.status).toBe(400);
  const { error } = (await response.json()) as ApiErrorBody;
  return Object.fromEntries(error.issues.map((i) => [i.param ?? "", i.message]));
}

/** Words of zod, of the engine or of a developer that an agent must never read. */
const RAW = /Entrée invalide|attendu|reçu|Trop petit|>=|snake|chiffres et _ ,|null|indéfini/;

const CASES: [string, (d: Definition) => void, string, string][] = [
  [
    "min_n emptied",
    (d) => delete (d as Partial<Definition>).min_n,
    "definition.min_n",
    "Indiquez un nombre entier de marchés",
  ],
  [
    "min_n sent as null (the old client)",
    (d) => (d.min_n = null as unknown as number),
    "definition.min_n",
    "Indiquez un nombre entier de marchés",
  ],
  ["min_n at 0", (d) => (d.min_n = 0), "definition.min_n", "1 ou plus"],
  [
    "target value as letters",
    (d) => (d.target = { value: "trente", year: 2025, label: "x", source: "y" }),
    "definition.target.value",
    "videz les cases de la cible",
  ],
  [
    "target year alone left",
    (d) => (d.target = { value: 0.3, label: "x", source: "y" }),
    "definition.target.year",
    "Cible commencée : indiquez aussi son année, ou videz ses cases",
  ],
  [
    "target on a neutral indicator",
    (d) => {
      d.polarity = "neutral";
      d.target = { value: 0.3, year: 2025, label: "x", source: "y" };
    },
    "definition.target",
    "choisissez un sens de lecture",
  ],
  [
    "threshold value emptied",
    (d) => (d.thresholds = { green: { op: "gte", value: null }, source: "s" }),
    "definition.thresholds.green.value",
    "videz la case pour ne pas fixer de seuil",
  ],
  [
    "measured field not chosen",
    (d) => (d.measure = { kind: "sum", field: "" }),
    "definition.measure.field",
    "Choisissez un champ.",
  ],
  [
    "condition field chosen then unchosen",
    (d) => (d.scope = { field: "", op: "not_null" }),
    "definition.scope.field",
    "Choisissez un champ.",
  ],
  [
    "a second condition without its field",
    (d) =>
      (d.scope = {
        and: [
          { field: "montant", op: "not_null" },
          { field: "", op: "not_null" },
        ],
      }),
    "definition.scope.and.1.field",
    "Choisissez un champ.",
  ],
  [
    "a number condition left blank",
    (d) => (d.scope = { field: "montant", op: "gt", value: "" }),
    "definition.scope.value",
    "Indiquez un nombre",
  ],
  [
    "letters in a number condition",
    (d) => (d.scope = { field: "montant", op: "gt", value: "abc" }),
    "definition.scope.value",
    "Indiquez un nombre",
  ],
  [
    "a date condition left blank",
    (d) => (d.scope = { field: "date_notification", op: "gt", value: "" }),
    "definition.scope.value",
    "Choisissez une date",
  ],
  [
    // « est l'un de » chosen, no value ticked yet: the old server counted 0 contracts in silence.
    "a list test with no value chosen",
    (d) => (d.scope = { field: "region", op: "in", values: [] }),
    "definition.scope.values",
    "Choisissez ou écrivez au moins une valeur pour ce test.",
  ],
  ["an empty identifier", (d) => (d.id = ""), "definition.id", "Écrivez un identifiant"],
  [
    "a median of a text",
    (d) => (d.measure = { kind: "median", field: "considerations_sociales" }),
    "definition.measure.field",
    "Choisissez un champ de nombres",
  ],
];

for (const [name, change, param, words] of CASES) {
  it(`${name}: said at ${param}, in plain words`, async () => {
    const found = await said(change);
    expect(Object.keys(found)).toContain(param);
    expect(found[param]).toContain(words);
    for (const message of Object.values(found)) expect(message).not.toMatch(RAW);
  });
}

it("says a target only started once, under its first empty box, with what is left", async () => {
  // A value typed, nothing else: the old server said three things, at the year, sentence, source.
  const begun = await said((d) => (d.target = { value: 0.3 }));
  const target = (found: Record<string, string>) =>
    Object.entries(found).filter(([param]) => param.startsWith("definition.target"));
  expect(target(begun)).toEqual([
    [
      "definition.target.year",
      "Cible commencée : indiquez aussi son année, sa phrase et sa source, ou videz ses cases pour ne pas fixer de cible.",
    ],
  ]);
  // The reverse: a year, no value.
  const reverse = await said((d) => (d.target = { year: 2025 }));
  expect(target(reverse).map(([param]) => param)).toEqual(["definition.target.value"]);
  expect(reverse["definition.target.value"]).toContain("sa valeur, sa phrase et sa source");
  // A box given letters keeps its own message beside the one of what is left.
  const letters = await said((d) => (d.target = { value: 0.3, year: "l'an prochain" }));
  expect(target(letters).map(([param]) => param)).toEqual([
    "definition.target.label",
    "definition.target.year",
  ]);
  expect(letters["definition.target.year"]).toContain("Indiquez l'année de la cible");
});
