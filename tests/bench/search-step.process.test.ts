// The benchmark's name search step (bench/steps/search.ts) on the samples' snapshot: it types the
// snapshot's own names on the real server (a child process), counts the names it searched as the
// snapshot holds them, and finds the parties it typed (« mairie de » and a commune finds it).
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { measureSearch, searchLines } from "../../bench/steps/search.ts";
import { copySamplesSnapshot, tempDir } from "../helpers/samples-db.ts";
import { queryFile } from "../server/helpers/test-server.ts";

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the bench's name search", () => {
  it("measures every kind of text typed, on the snapshot's names", async () => {
    const dbPath = join(dir, "observatory.duckdb");
    copySamplesSnapshot(dbPath);
    const figures = await measureSearch(dbPath, () => undefined);
    const [truth] = await queryFile(
      dbPath,
      `SELECT (SELECT count(*) FROM buyers) AS buyers, (SELECT count(*) FROM titulaires) AS titulaires,
              (SELECT count(*) FROM contracts) AS contracts`,
    );
    expect(figures.names.buyers).toBe(Number(truth?.buyers));
    expect(figures.names.titulaires).toBe(Number(truth?.titulaires));
    expect(figures.names.published_buyer_rows).toBe(Number(truth?.contracts));
    const family = (name: string) => figures.families.find((f) => f.family === name);
    for (const name of [
      "acheteurs, par nom",
      "acheteurs, « mairie de … »",
      "acheteurs, début du SIRET",
      "titulaires, par nom",
      "titulaires, début du SIRET",
      "le mot le plus fréquent des noms",
    ]) {
      const f = family(name);
      expect(f?.requests, name).toBeGreaterThan(0);
      expect(f && f.p50_ms <= f.p95_ms && f.p95_ms <= f.max_ms, name).toBe(true);
    }
    // Typed from the snapshot's own names, each finds its party.
    for (const name of [
      "acheteurs, par nom",
      "acheteurs, « mairie de … »",
      "titulaires, par nom",
      "le mot le plus fréquent des noms",
    ])
      expect(family(name)?.found_median, name).toBeGreaterThanOrEqual(1);
    expect(searchLines(figures).join("\n")).toMatch(/^\| acheteurs, par nom \| 20 \| \d+ ms/m);
  });
});
