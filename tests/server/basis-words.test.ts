// What a figure rests on, in the words of the dashboard (client/src/basis.js) and of the buyer's
// one-page summary (client/src/components/summary-sentence.js): N is the contracts the figure is
// computed on, the contracts in scope come beside it. Plain modules, loaded as the browser does.
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

type Row = Record<string, unknown>;
interface Modules {
  basisText(row: Row): string;
  sentence(result: unknown): string;
}

const load = async (path: string) =>
  (await import(pathToFileURL(fileURLToPath(new URL(path, import.meta.url))).href)) as Modules;

let words: Modules;
beforeAll(async () => {
  const [basis, summary] = await Promise.all([
    load("../../client/src/basis.js"),
    load("../../client/src/components/summary-sentence.js"),
  ]);
  words = { basisText: basis.basisText, sentence: summary.sentence };
});

/** French number formats use narrow and plain no-break spaces: compared as spaces. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, " ");

const share = {
  title: "Part des marchés avec une clause",
  shape: "single",
  format: "percent",
  unit: "share",
};
const result = (row: Row) => ({
  indicator: share,
  columns: [{ name: "value", role: "value", format: "percent" }],
  rows: [row],
});

describe("N and the contracts in scope, in words", () => {
  it("gives N, then the contracts in scope when some stay out of the figure", () => {
    // 1 086 of 1 089 contracts have the field filled: coverage 1 086 / 1 089 = 99,72 %.
    const text = words.basisText({ n: 1086, n_scope: 1089, coverage: 1086 / 1089, flags: [] });
    expect(plain(text)).toBe("N = 1 086 marchés (sur 1 089 dans le périmètre) · couverture 99,7 %");
  });

  it("says nothing of the scope when every contract in it enters the figure", () => {
    expect(plain(words.basisText({ n: 12, n_scope: 12, coverage: 1, flags: [] }))).toBe(
      "N = 12 marchés · couverture 100 %",
    );
  });

  it("says when no contract is in scope, rather than an unknown coverage", () => {
    expect(plain(words.basisText({ n: 0, n_scope: 0, coverage: null, flags: [] }))).toBe(
      "N = 0 marché · aucun marché dans le périmètre",
    );
  });

  it("adds the coverage in value of sums of amounts", () => {
    // 350 000 € used of 1 000 379 999 € published: 0,03 %, some of it, so not « 0 % ».
    const row = { n: 3, n_scope: 6, coverage: 0.5, coverage_value: 350000 / 1000379999 };
    expect(plain(words.basisText(row))).toBe(
      "N = 3 marchés (sur 6 dans le périmètre) · couverture 50 % · couverture en valeur < 0,1 %",
    );
  });
});

describe("the summary sentence", () => {
  it("says the figure is computed on N of the contracts concerned", () => {
    const row = { value: 0.131, n: 1086, n_scope: 1089, coverage: 1086 / 1089, flags: [] };
    expect(plain(words.sentence(result(row)))).toBe(
      "Part des marchés avec une clause : 13,1 % (calculé sur 1 086 marchés des 1 089 concernés ; information renseignée pour 99,7 % des marchés concernés).",
    );
  });

  it("counts the contracts concerned, not N (0), when no value can be computed", () => {
    const row = { value: null, n: 0, n_scope: 130, coverage: 0, flags: ["below_min_n"] };
    expect(plain(words.sentence(result(row)))).toBe(
      "Part des marchés avec une clause : Pas de donnée (information non renseignée ou inutilisable pour les 130 marchés concernés).",
    );
    const one = { value: null, n: 0, n_scope: 1, coverage: 0, flags: ["below_min_n"] };
    expect(words.sentence(result(one))).toContain("pour le seul marché concerné");
  });

  it("gives the format, not a date, as the reason when no contract has the 2024 format", () => {
    const row = {
      value: null,
      n: 0,
      n_scope: 0,
      coverage: null,
      flags: ["format_not_available", "below_min_n"],
    };
    expect(words.sentence(result(row))).toBe(
      "Part des marchés avec une clause : Pas de donnée (aucun marché de la sélection n'est publié au format 2024, le seul qui contient cette information).",
    );
  });
});
