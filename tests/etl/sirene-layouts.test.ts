// A SIRENE stock loads whatever its official layout: CSV, CSV in a ZIP (as INSEE publishes it),
// gzip, and Parquet, with columns chosen by name; only the SIRENs of the DECP are kept (semi-join).
// Real DuckDB, real files written to a temporary folder.
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync, gzipSync, crc32 } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, queryRows, type Database } from "../../lib/duckdb.ts";
import { stagingTableSql } from "../../etl/reference/layouts.ts";
import { loadReference } from "../../etl/reference/read-reference.ts";
import { tempDir } from "../helpers/samples-db.ts";
import { readCsv, REFERENCE } from "../helpers/reference-files.ts";

const FILE = "StockUniteLegale_utf8-sample-2022-trackdechets.csv";
const dir = tempDir();
let db: Database;

/** A standard ZIP with one deflated entry, as INSEE's StockUniteLegale_utf8.zip. */
function zipOf(name: string, content: Buffer): Buffer {
  const data = deflateRawSync(content);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc32(content), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc32(content), 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

// The DECP side: a few SIRENs of the file (its units with a size category) and one it lacks.
const rows = readCsv(FILE);
const wanted = rows.filter((r) => r.categorieEntreprise !== "").slice(0, 12);

beforeAll(async () => {
  db = await openDatabase(":memory:");
  const csv = readFileSync(join(REFERENCE, FILE));
  copyFileSync(join(REFERENCE, FILE), join(dir, "stock.csv"));
  writeFileSync(join(dir, "stock.zip"), zipOf("StockUniteLegale_utf8.csv", csv));
  writeFileSync(join(dir, "stock-no-extension"), gzipSync(csv));
  await db.connection.run(
    `COPY (SELECT * FROM read_csv('${join(dir, "stock.csv")}', all_varchar = true))
     TO '${join(dir, "stock.parquet")}' (FORMAT parquet)`,
  );
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ["stock.csv", "csv"],
  ["stock.zip", "csv-zip"],
  ["stock-no-extension", "csv-gzip"],
  ["stock.parquet", "parquet"],
])("StockUniteLegale as %s", (file, layout) => {
  it("keeps exactly the DECP's SIRENs, with their category, year, legal category and state", async () => {
    const c = db.connection;
    await c.run("DROP TABLE IF EXISTS src_unites_legales");
    for (const sql of stagingTableSql().filter((s) => s.includes("src_unites_legales"))) {
      await c.run(sql);
    }
    await c.run("CREATE OR REPLACE TEMP TABLE want_siren (id VARCHAR)");
    for (const r of wanted) await c.run("INSERT INTO want_siren VALUES ($1)", [r.siren]);
    await c.run("INSERT INTO want_siren VALUES ('999999999')");
    const report = await loadReference(
      c,
      { id: "t", kind: "sirene_unites_legales", path: join(dir, file), name: file },
      0,
      dir,
    );
    expect(report.layout).toBe(layout);
    expect(report.rows_kept).toBe(wanted.length);
    const got = await queryRows(
      c,
      "SELECT siren, categorie_entreprise, categorie_entreprise_annee, categorie_juridique, etat, denomination FROM src_unites_legales ORDER BY siren",
    );
    expect(got).toEqual(
      wanted
        .sort((a, b) => a.siren.localeCompare(b.siren))
        .map((r) => ({
          siren: r.siren,
          categorie_entreprise: r.categorieEntreprise,
          categorie_entreprise_annee: r.anneeCategorieEntreprise || null,
          categorie_juridique: r.categorieJuridiqueUniteLegale || null,
          etat: r.etatAdministratifUniteLegale || null,
          denomination: r.denominationUniteLegale || null,
        })),
    );
  });
});
