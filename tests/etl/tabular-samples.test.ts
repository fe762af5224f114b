// Every real flat (tabular) file shipped in data/samples loads on its own with a balanced summary:
// rows read = used + rejected, contracts = loaded + rejected + duplicates, and both figures
// checked against a second reading of the file in plain JavaScript (tests/helpers/read-csv.ts):
// its rows, its distinct contract keys (uid, or buyer id + id), and the records they make once
// lots published under one key are told apart.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLES_DIR, type EtlReport, type SourceReport } from "../../etl/pipeline.ts";
import { openDatabase, queryRows, type Row } from "../../lib/duckdb.ts";
import { cachedEtl } from "../helpers/etl-cache.ts";
import { TEST_TODAY, tempDir } from "../helpers/samples-db.ts";
import { column, distinctKeys, readCsv, recordKeys, type Csv } from "../helpers/read-csv.ts";

interface Expected {
  file: string;
  separator: string;
  encoding: string;
  dialect: string;
  buyer: string;
  /** What numbers a contract's versions: decp.info's rule when its column is absent. */
  versions: "dateNotification" | null;
}

// What each file is, read by eye from its first bytes and header.
const FILES: Expected[] = [
  {
    file: "real-flat-decp-info-2024H2-travaux-cpv4521.csv",
    separator: ",",
    encoding: "UTF-8",
    dialect: "decp-info",
    buyer: "acheteur_id",
    versions: "dateNotification",
  },
  {
    file: "real-flat-dataeco-decp-2022-marches-valides.csv",
    separator: ";",
    encoding: "UTF-8 (BOM)",
    dialect: "dataeco-2022",
    buyer: "acheteur.id",
    versions: null,
  },
  {
    file: "real-flat-dataeco-decp-v3-marches-valides-2019format.csv",
    separator: ";",
    encoding: "UTF-8 (BOM)",
    dialect: "dataeco-2019",
    buyer: "acheteur.id",
    versions: null,
  },
  {
    file: "real-flat-region-bretagne-rendu-compte-2021.csv",
    separator: "|",
    encoding: "UTF-8",
    dialect: "region-bretagne",
    buyer: "acheteur_id",
    versions: null,
  },
];

const dir = tempDir();
const runs = new Map<string, { report: EtlReport; source: SourceReport; dbPath: string }>();

beforeAll(async () => {
  for (const f of FILES) {
    const dbPath = join(dir, `${f.file}.duckdb`);
    const report = await cachedEtl([join(SAMPLES_DIR, f.file)], TEST_TODAY, dbPath);
    runs.set(f.file, { report, source: report.sources[0], dbPath });
  }
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function query(file: string, sql: string): Promise<Row[]> {
  const db = await openDatabase(runs.get(file)!.dbPath, { readOnly: true });
  try {
    return await queryRows(db.connection, sql);
  } finally {
    db.close();
  }
}

describe.each(FILES)("$file", (f) => {
  let csv: Csv;
  beforeAll(() => (csv = readCsv(join(SAMPLES_DIR, f.file), f.separator)));

  it("is read as the tabular file it is, its encoding and separator stated", () => {
    const { report, source } = runs.get(f.file)!;
    expect(report.status, report.error?.message).toBe("ok");
    expect(source.tabular).toMatchObject({
      container: "CSV",
      dialect: f.dialect,
      encoding: f.encoding,
      separator: f.separator,
    });
    expect(source.format).toMatch(new RegExp(`^(v1|v2)(\\+v2)? CSV ${f.dialect}$`));
  });

  it("balances on rows: every row of the file read, used or rejected", () => {
    const t = runs.get(f.file)!.source.tabular!;
    expect(t.rows_read).toBe(csv.rows.length);
    expect(t.rows_used + t.rows_rejected).toBe(t.rows_read);
    // Every row of these files has as many fields as the header: none is rejected.
    expect(csv.rows.every((row) => row.length === csv.header.length)).toBe(true);
    expect(t.rows_rejected).toBe(0);
  });

  it("builds one contract per distinct key (lots under one key apart), and balances", async () => {
    const { source } = runs.get(f.file)!;
    const records = new Set(recordKeys(csv, f.buyer, f.versions).map((r) => r.record)).size;
    expect(source.tabular!.contracts).toBe(records);
    expect(source.records_read).toBe(records);
    expect(source.loaded + source.rejected + source.duplicates).toBe(records);
    const [row] = await query(
      f.file,
      `SELECT (SELECT count(*) FROM contracts) AS contracts,
              (SELECT count(DISTINCT split_part(uid, '~', 1)) FROM contracts) AS published_keys,
              (SELECT count(*) FROM contracts WHERE uid_derivation = 'shared_id') AS lots,
              (SELECT count(*) FROM feed_contracts) AS feed,
              (SELECT count(*) FROM contracts c JOIN feed_contracts f USING (uid)) AS joined,
              (SELECT rows_read FROM run_sources) AS rows_read,
              (SELECT encoding FROM run_sources) AS encoding`,
    );
    expect(row.contracts).toBe(source.loaded);
    // Every distinct uid of the file is there, once or as its lots: none lost, none invented.
    expect(row.published_keys).toBe(distinctKeys(csv, f.buyer));
    expect(Number(row.contracts) - Number(row.published_keys)).toBeLessThanOrEqual(
      Number(row.lots),
    );
    // The feed's own columns follow their contract, one row each.
    expect(row.feed).toBe(source.loaded);
    expect(row.joined).toBe(source.loaded);
    expect(row).toMatchObject({ rows_read: csv.rows.length, encoding: f.encoding });
  });
});

describe("what the files publish, as published", () => {
  const DECP_INFO = FILES[0].file;

  it("decp.info: each contract keeps the buyer name of its current row (latest notification)", async () => {
    const csv = readCsv(join(SAMPLES_DIR, DECP_INFO), ",");
    const [uid, date, name] = ["uid", "dateNotification", "acheteur_nom"].map((c) =>
      column(csv, c),
    );
    const current = new Map<string, string[]>();
    for (const row of csv.rows) {
      const seen = current.get(uid(row));
      if (!seen || date(row) > date(seen)) current.set(uid(row), row);
    }
    const stored = await query(DECP_INFO, "SELECT uid, acheteur_nom FROM feed_contracts");
    for (const r of stored) {
      const row = current.get(String(r.uid).split("~")[0]);
      expect(row, String(r.uid)).toBeDefined();
      expect(r.acheteur_nom, String(r.uid)).toBe(name(row!) || null);
    }
    const named = stored.filter((r) => r.acheteur_nom !== null).length;
    const [row] = await query(DECP_INFO, "SELECT count(acheteur_nom) AS n FROM contracts");
    expect(row.n).toBe(named);
    expect(named).toBeGreaterThan(5000);
  });

  it("decp.info: the titulaires of each contract's initial version, with their names", async () => {
    const csv = readCsv(join(SAMPLES_DIR, DECP_INFO), ",");
    const keys = recordKeys(csv, "acheteur_id", "dateNotification");
    const [id, name] = ["titulaire_id", "titulaire_nom"].map((c) => column(csv, c));
    const first = new Map<string, string>();
    keys.forEach(({ record, version }) => {
      const seen = first.get(record);
      if (seen === undefined || version < seen) first.set(record, version);
    });
    const titulaires = new Set<string>();
    csv.rows.forEach((row, i) => {
      const { record, version } = keys[i];
      if (version === first.get(record) && (id(row) || name(row))) {
        titulaires.add(`${record}|${id(row) || `~${name(row)}`}`);
      }
    });
    const [row] = await query(
      DECP_INFO,
      "SELECT count(*) AS n, count(denomination_sociale) AS named FROM contract_suppliers",
    );
    expect(row.n).toBe(titulaires.size);
    expect(Number(row.named)).toBeGreaterThan(0.99 * titulaires.size);
  });

  it("data.economie.gouv.fr 2022: MQ nulled and logged, INX taken off and flagged, CDL read as empty", async () => {
    const file = FILES[1].file;
    const csv = readCsv(join(SAMPLES_DIR, file), ";");
    const cells = csv.rows.flat();
    const rows = await query(
      file,
      `SELECT count(*) FILTER (WHERE raw_value = 'MQ' AND action = 'nulled') AS mq,
              count(*) FILTER (WHERE raw_value LIKE 'INX %' AND action = 'flagged') AS inx,
              count(*) FILTER (WHERE raw_value = 'CDL') AS cdl
       FROM field_issues`,
    );
    expect(rows[0].mq).toBe(cells.filter((c) => c === "MQ").length);
    expect(rows[0].inx).toBe(cells.filter((c) => c.startsWith("INX ")).length);
    expect(rows[0].cdl).toBe(0);
    const [c] = await query(file, "SELECT id, code_cpv FROM contracts WHERE id = '2023AOVOI40 L1'");
    // "INX 67151000-0": the marker is off, the code is checked like any other.
    expect(c).toEqual({ id: "2023AOVOI40 L1", code_cpv: "67151000" });
  });

  it("Région Bretagne: French numbers and dates, one contract per id with its titulaires", async () => {
    const file = FILES[3].file;
    const [c] = await query(
      file,
      "SELECT montant, date_notification, titulaires_count FROM contracts WHERE id = '202190205'",
    );
    // "600 000,00" with a no-break space, "12/05/2021": read as 600000 and 2021-05-12.
    expect(c).toEqual({ montant: 600000, date_notification: "2021-05-12", titulaires_count: 3 });
  });
});
