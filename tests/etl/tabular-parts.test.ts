// The tabular reader builds and writes its records part after part (etl/sql/tabular-part.sql), so
// that the lists of one part only sit in memory. Splitting a file into many parts must change
// nothing: on every real flat file of the samples, the records and the rejected rows written in
// five parts are the very lines written in one part, and the feed's columns the same rows (the
// snapshot build keys them: their order in the file is free).
// @module-tag slow
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SAMPLES_DIR } from "../../etl/pipeline.ts";
import { sniffTabular } from "../../etl/tabular/detect.ts";
import { readTabular, type TabularRead } from "../../etl/tabular/read-tabular.ts";
import { tempDir } from "../helpers/samples-db.ts";

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILES = [
  "real-flat-decp-info-2024H2-travaux-cpv4521.csv",
  "real-flat-dataeco-decp-2022-marches-valides.csv",
  "real-flat-dataeco-decp-v3-marches-valides-2019format.csv",
  "real-flat-region-bretagne-rendu-compte-2021.csv",
];

async function read(file: string, recordsPerPart: number): Promise<TabularRead> {
  const path = join(SAMPLES_DIR, file);
  const sniffed = await sniffTabular(path, file);
  if (sniffed === null) throw new Error(`${file} is not tabular`);
  const workDir = join(dir, `${file}-${recordsPerPart}`);
  return readTabular(path, file, 0, sniffed, workDir, () => {}, { recordsPerPart });
}

const lines = (files: string[]) =>
  files.flatMap((f) =>
    readFileSync(f, "utf8")
      .split("\n")
      .filter((l) => l !== ""),
  );

describe("records written in parts are the records written at once", () => {
  for (const file of FILES) {
    it(
      file,
      async () => {
        const whole = await read(file, 1_000_000);
        const perPart = Math.ceil(whole.stats.contracts / 5);
        const parts = await read(file, perPart);
        expect(whole.files.records).toHaveLength(1);
        expect(parts.files.records).toHaveLength(Math.ceil(whole.stats.contracts / perPart));
        expect(parts.files.records.length).toBeGreaterThan(1);
        const records = lines(whole.files.records);
        expect(records).toHaveLength(whole.stats.contracts);
        expect(lines(parts.files.records)).toEqual(records);
        expect(parts.stats).toEqual(whole.stats);
        expect(lines([parts.files.rejects])).toEqual(lines([whole.files.rejects]));
        for (const table of ["feedContracts", "feedTitulaires"] as const) {
          const rows = lines([whole.files[table]]).sort();
          expect(rows.length, table).toBeGreaterThan(0);
          expect(lines([parts.files[table]]).sort(), table).toEqual(rows);
        }
      },
      300_000,
    );
  }

  it("the decp.info extract has what the parts build: co-titulaires and modifications", async () => {
    const { files } = await read(FILES[0], 2_000);
    const records = lines(files.records).map(
      (l) => JSON.parse(l) as { titulaires: unknown[]; modifications: unknown[] },
    );
    expect(records.some((r) => r.titulaires.length > 1)).toBe(true);
    expect(records.some((r) => r.modifications.length > 0)).toBe(true);
  }, 300_000);
});
