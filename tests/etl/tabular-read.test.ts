// Reading tabular files in the cases the samples do not show: the format told from the content
// (a CSV named .json, a Parquet named .csv), an encoding other than UTF-8, rows DuckDB cannot read
// and empty rows (rejected with their reason, the rows still balance), a file of a few columns
// (the rest read as not filled), the decp-table-schema example, and a contract met both in a
// producer's JSON file and in a tabular feed (one contract, the other counted as a duplicate).
// @module-tag slow
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SAMPLES_DIR, type EtlReport } from "../../etl/pipeline.ts";
import { openDatabase, queryRows, type Row } from "../../lib/duckdb.ts";
import { decpInfoRows } from "../../bench/generator/decp-info-rows.ts";
import { writeTabular } from "../../bench/generator/write-tabular.ts";
import { cachedEtl, testInputPath, writeTestInput } from "../helpers/etl-cache.ts";
import { fixture } from "../helpers/fixtures.ts";
import { TEST_TODAY, tempDir } from "../helpers/samples-db.ts";

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let runs = 0;

async function load(
  inputs: string[],
): Promise<{ report: EtlReport; query: (sql: string) => Promise<Row[]> }> {
  const dbPath = join(dir, `run-${runs++}.duckdb`);
  // Built by the real ETL once per content of its code and inputs (tests/helpers/etl-cache.ts).
  const report = await cachedEtl(inputs, TEST_TODAY, dbPath);
  return {
    report,
    query: async (sql) => {
      const db = await openDatabase(dbPath, { readOnly: true });
      try {
        return await queryRows(db.connection, sql);
      } finally {
        db.close();
      }
    },
  };
}

const BRETAGNE = join(SAMPLES_DIR, "real-flat-region-bretagne-rendu-compte-2021.csv");

describe("the format is told from the content, never the name", () => {
  it("reads a CSV named .json as CSV", async () => {
    const path = writeTestInput("tabular-read/bretagne.json", readFileSync(BRETAGNE));
    const { report } = await load([path]);
    expect(report.status, report.error?.message).toBe("ok");
    expect(report.sources[0].tabular).toMatchObject({ container: "CSV", separator: "|" });
    expect(report.sources[0].records_read).toBe(191);
  });

  it("reads a Parquet named .csv as Parquet", async () => {
    const records = JSON.parse(
      readFileSync(join(SAMPLES_DIR, "real-v2-dematis-daily-2024-07-18.json"), "utf8"),
    ) as { marches: { marche: Record<string, unknown>[] } };
    const path = testInputPath("tabular-read/decp.csv");
    await writeTabular([records.marches.marche.flatMap((r) => decpInfoRows(r))], path, "parquet");
    const { report } = await load([path]);
    expect(report.status, report.error?.message).toBe("ok");
    expect(report.sources[0].tabular).toMatchObject({
      container: "Parquet",
      encoding: "UTF-8",
      separator: null,
    });
  });
});

describe("encodings", () => {
  it("reads a Windows-1252 file through a UTF-8 copy, and says so", async () => {
    const text = readFileSync(BRETAGNE, "utf8");
    // Latin-1 bytes for every character of the file (it has none outside Windows-1252).
    const path = writeTestInput(
      "tabular-read/bretagne-1252.csv",
      Buffer.from(text.replace(/\u00a0/g, " "), "latin1"),
    );
    const { report, query } = await load([path]);
    expect(report.status, report.error?.message).toBe("ok");
    expect(report.sources[0].tabular?.encoding).toBe("WINDOWS-1252");
    const [row] = await query(
      "SELECT acheteur_nom FROM contracts WHERE acheteur_nom LIKE 'R_gion Bretagne' LIMIT 1",
    );
    expect(row.acheteur_nom).toBe("Région Bretagne");
  });
});

describe("a UTF-8 file with a stray byte", () => {
  it("stays UTF-8, the stray byte read as Windows-1252, and the summary counts it", async () => {
    // One « é » of the file written as the single byte 0xE9, as a Windows-1252 tool would: the
    // whole file was read as Windows-1252, « RÃ©gion Bretagne » on every row.
    const lines = readFileSync(BRETAGNE, "utf8").split("\n");
    const [head, first, ...rest] = lines;
    const [before, after] = first.split("hébergement");
    const bytes = Buffer.concat([
      Buffer.from(`${head}\n${before}h`, "utf8"),
      Buffer.of(0xe9),
      Buffer.from(`bergement${after}\n${rest.join("\n")}`, "utf8"),
    ]);
    expect(bytes.includes(Buffer.from("h\xe9b", "latin1"))).toBe(true);
    const path = writeTestInput("tabular-read/bretagne-stray-byte.csv", bytes);
    const { report, query } = await load([path]);
    expect(report.status, report.error?.message).toBe("ok");
    expect(report.sources[0].tabular?.encoding).toBe(
      "UTF-8 (1 byte not UTF-8 read as WINDOWS-1252)",
    );
    const names = await query(
      "SELECT DISTINCT acheteur_nom FROM contracts WHERE acheteur_id = '23350001600040'",
    );
    expect(names.map((r) => r.acheteur_nom)).toEqual(["Région Bretagne"]);
    const [row] = await query("SELECT objet FROM contracts WHERE id = '202190006'");
    expect(row.objet).toBe(first.split("|")[5]);
  });
});

describe("a UTF-8 file with whole rows pasted from Windows-1252", () => {
  // Header and one row in UTF-8, two rows in Windows-1252: more stray bytes than UTF-8 characters.
  const lines = readFileSync(BRETAGNE, "utf8").split("\n");
  const mixed = (bom: boolean) =>
    Buffer.concat([
      Buffer.from(bom ? "\ufeff" : "", "utf8"),
      Buffer.from(`${lines[0]}\n${lines[1]}\n`, "utf8"),
      Buffer.from(`${lines[2]}\n${lines[3]}\n`.replace(/\u00a0/g, " "), "latin1"),
    ]);

  it.each([
    ["without", false],
    ["with", true],
  ])("stays UTF-8 %s a byte-order mark, every row read right", async (label, bom) => {
    // Read as Windows-1252, the UTF-8 row said « RÃ©gion Bretagne »; with Excel's byte-order
    // mark, the Windows-1252 rows were rejected as invalid UTF-8.
    const path = writeTestInput(`tabular-read/bretagne-pasted-rows-${label}-bom.csv`, mixed(bom));
    const { report, query } = await load([path]);
    expect(report.status, report.error?.message).toBe("ok");
    expect(report.sources[0].tabular).toMatchObject({ rows_read: 3, rows_rejected: 0 });
    expect(report.sources[0].tabular?.encoding).toMatch(
      /^UTF-8 \(\d+ bytes not UTF-8 read as WINDOWS-1252\)$/,
    );
    const names = await query("SELECT DISTINCT acheteur_nom FROM contracts");
    expect(names.map((r) => r.acheteur_nom)).toEqual(["Région Bretagne"]);
  });
});

describe("a CSV file without a line break at its end", () => {
  const text = readFileSync(BRETAGNE, "utf8").trimEnd();
  const rows = text.split("\n").length - 1;

  it("is read whole when its last row has all its fields (one cut short of fields fails: failure.test.ts)", async () => {
    const path = writeTestInput("tabular-read/bretagne-no-final-newline.csv", text);
    const { report } = await load([path]);
    expect(report.status, report.error?.message).toBe("ok");
    expect(report.sources[0].tabular).toMatchObject({ rows_read: rows, rows_rejected: 0 });
  });

  it("rejects a last row with a field too many on its own, as anywhere else", async () => {
    const path = writeTestInput("tabular-read/bretagne-last-row-too-long.csv", `${text}|X`);
    const { report } = await load([path]);
    expect(report.status, report.error?.message).toBe("ok");
    expect(report.sources[0].tabular).toMatchObject({ rows_read: rows, rows_rejected: 1 });
  });
});

describe("a row longer than DuckDB's 2 MB but under the record limit", () => {
  it("is read like any other (a line over the limit fails its file: failure.test.ts)", async () => {
    const lines = readFileSync(BRETAGNE, "utf8").split("\n");
    const fields = lines[5].split("|");
    const id = fields[1];
    fields[5] = "Objet très long ".repeat(200_000); // 3.4 MB in UTF-8
    lines[5] = fields.join("|");
    const path = writeTestInput("tabular-read/bretagne-long-row.csv", lines.join("\n"));
    const { report, query } = await load([path]);
    expect(report.status, report.error?.message).toBe("ok");
    expect(report.sources[0].tabular?.rows_rejected).toBe(0);
    const [row] = await query(`SELECT length(objet) AS n FROM contracts WHERE id = '${id}'`);
    expect(row.n).toBe(fields[5].trim().length);
  });
});

describe("rows that cannot be used", () => {
  it("rejects unreadable and empty rows with their reason, and the rows still balance", async () => {
    const lines = readFileSync(BRETAGNE, "utf8").split("\n");
    const fields = lines[0].split("|").length;
    const broken = [
      lines[0],
      lines[1],
      "2021|202100001|23350001600040|trop peu de colonnes",
      "|".repeat(fields - 1), // every column empty
      lines[2],
      "",
    ].join("\n");
    const path = writeTestInput("tabular-read/broken.csv", broken);
    const { report, query } = await load([path]);
    expect(report.status, report.error?.message).toBe("ok");
    const t = report.sources[0].tabular!;
    expect(t).toMatchObject({ rows_read: 4, rows_used: 2, rows_rejected: 2 });
    const rejects = await query("SELECT position, reason, raw FROM rejects ORDER BY position");
    expect(rejects.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^unreadable CSV row \(line 3\): /),
      "empty row: no value in the columns read (row 2 of the rows read)",
    ]);
    expect(rejects[0].raw).toContain("trop peu de colonnes");
    // Rejected rows come after the contracts: positions stay unique in the source.
    expect(rejects.map((r) => r.position)).toEqual([2, 3]);
  });

  it("fails the run, naming the file, when no column identifies a contract", async () => {
    const path = writeTestInput("tabular-read/other.csv", "commune;population\nRennes;220000\n");
    const { report } = await load([path]);
    expect(report.status).toBe("failed");
    expect(report.error?.message).toMatch(/other\.csv: no column identifies a contract/);
  });
});

describe("a file with a few of the columns", () => {
  it("maps what is there and leaves the rest not filled, never 'no'", async () => {
    const path = writeTestInput(
      "tabular-read/few.csv",
      [
        "uid,id,acheteur_id,montant,dateNotification,offresRecues,Commentaire",
        "2135006550001724A01,24A01,21350065500017,120000,2024-09-02,3,à revoir",
      ].join("\n"),
    );
    const { report, query } = await load([path]);
    expect(report.status, report.error?.message).toBe("ok");
    expect(report.sources[0].tabular?.columns_unused).toEqual([{ name: "Commentaire", filled: 1 }]);
    const [c] = await query(
      `SELECT montant, offres_recues, considerations_sociales, marche_innovant,
              sous_traitance_declaree, titulaires_count FROM contracts`,
    );
    expect(c).toEqual({
      montant: 120000,
      offres_recues: 3,
      considerations_sociales: null,
      marche_innovant: null,
      sous_traitance_declaree: null,
      titulaires_count: 0,
    });
  });
});

describe("the decp-table-schema example (fictitious)", () => {
  it("builds one contract per uid with its titulaires and its modification", async () => {
    const { report, query } = await load([fixture("example-decp-table-schema-valide.csv")]);
    expect(report.status, report.error?.message).toBe("ok");
    expect(report.sources[0].tabular).toMatchObject({
      dialect: "decp-table-schema",
      rows_read: 4,
      contracts: 2,
    });
    const rows = await query(
      `SELECT c.id, c.titulaires_count, c.modifications_count, m.objet_modification
       FROM contracts c LEFT JOIN contract_modifications m USING (uid) ORDER BY c.id`,
    );
    expect(rows).toEqual([
      {
        id: "201900056462300",
        titulaires_count: 2,
        modifications_count: 0,
        objet_modification: null,
      },
      {
        id: "201900056462301",
        titulaires_count: 2,
        modifications_count: 1,
        objet_modification: "Augmentation de la durée du marché à 6 mois.",
      },
    ]);
  });
});

describe("a contract in a producer's JSON file and in a tabular feed", () => {
  it("is one contract, the other copy counted in duplicates", async () => {
    const sample = join(SAMPLES_DIR, "real-v2-dematis-daily-2024-07-19.json");
    const records = JSON.parse(readFileSync(sample, "utf8")) as {
      marches: { marche: Record<string, unknown>[] };
    };
    const path = testInputPath("tabular-read/same-records.parquet");
    await writeTabular([records.marches.marche.flatMap((r) => decpInfoRows(r))], path, "parquet");
    const alone = await load([sample]);
    const both = await load([sample, path]);
    expect(both.report.status, both.report.error?.message).toBe("ok");
    const [json, tabular] = both.report.sources;
    const [kept] = await both.query("SELECT count(*) AS n FROM contracts");
    const [single] = await alone.query("SELECT count(*) AS n FROM contracts");
    // The file holds lots published under one id: they stay apart in both copies.
    expect(alone.report.sources[0].derived_keys.shared_id).toBeGreaterThan(0);
    expect(kept.n).toBe(single.n);
    expect(tabular.records_read).toBe(json.records_read);
    // Each contract twice, kept once: the later source's copy, the other one a duplicate.
    expect(json.duplicates + tabular.duplicates).toBe(json.records_read);
    expect(json.loaded + tabular.loaded).toBe(single.n);
  });
});
