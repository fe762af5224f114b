// The synthetic SIRENE stocks of `npm run generate -- --format sirene-csv|sirene-parquet` load
// through the real reference loader in both layouts: the ETL of a DECP file generated with the
// same seed and count keeps, by its semi-join, exactly the establishments and legal units of that
// DECP (none of the unrelated ones), and names and locates its titulaires from them.
// @module-tag slow
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../bench/generate.ts";
import { generateSirene, type SireneFiles } from "../../bench/generator/sirene.ts";
import { runEtl } from "../../etl/pipeline.ts";
import { openDatabase, queryRows, type Row } from "../../lib/duckdb.ts";
import { TEST_TODAY, tempDir } from "../helpers/samples-db.ts";

const dir = tempDir();
const CONTRACTS = 120;
const SEED = 7;
const decp = join(dir, "decp.json");
const stocks: Record<"csv" | "parquet", SireneFiles> = {} as Record<"csv" | "parquet", SireneFiles>;

beforeAll(async () => {
  await generate({ contracts: CONTRACTS, format: "v2", out: decp, seed: SEED });
  for (const format of ["csv", "parquet"] as const) {
    stocks[format] = await generateSirene({
      contracts: CONTRACTS,
      seed: SEED,
      legalUnits: 900,
      establishments: 1_200,
      format,
      outDir: join(dir, format),
    });
  }
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function query(dbPath: string, sql: string): Promise<Row[]> {
  const db = await openDatabase(dbPath, { readOnly: true });
  try {
    return await queryRows(db.connection, sql);
  } finally {
    db.close();
  }
}

describe.each(["csv", "parquet"] as const)("synthetic SIRENE stocks as %s", (format) => {
  it("keep the DECP's establishments and units, and name and locate them", async () => {
    const files = stocks[format];
    const dbPath = join(dir, `${format}.duckdb`);
    const report = await runEtl({
      inputs: [decp],
      dbPath,
      today: TEST_TODAY,
      references: [
        { id: "test", kind: "sirene_unites_legales", path: files.unitesLegales, name: "ul" },
        { id: "test", kind: "sirene_etablissements", path: files.etablissements, name: "etab" },
      ],
    });
    expect(report.status, report.error?.message).toBe("ok");
    expect(report.references.map((r) => r.layout)).toEqual([format, format]);

    // The generator's SIRETs as the snapshot holds them (buyers start with 2, suppliers with 8).
    const [ids] = await query(
      dbPath,
      `SELECT count(DISTINCT id) AS sirets, count(DISTINCT left(id, 9)) AS sirens FROM (
         SELECT titulaire_id AS id FROM contract_suppliers UNION ALL SELECT acheteur_id FROM contracts
       ) WHERE regexp_full_match(id, '[28][0-9]{13}')`,
    );
    expect(Number(ids.sirets)).toBeGreaterThan(20);
    const kept = Object.fromEntries(report.references.map((r) => [r.source, r.rows_kept]));
    expect(kept).toEqual({ ul: Number(ids.sirens), etab: Number(ids.sirets) });
    expect(kept.etab).toBeLessThanOrEqual(files.decpEstablishments);

    const [named] = await query(
      dbPath,
      `SELECT count(*) AS titulaires,
              count(*) FILTER (WHERE o.nom_origine = 'sirene:ul' AND (o.nom = 'SOCIETE SYNTHETIQUE ' || o.siren
                                 OR o.categorie_juridique = '1000')) AS named,
              count(*) FILTER (WHERE e.commune IS NOT NULL AND e.origine = 'sirene:etab') AS located
       FROM (SELECT DISTINCT titulaire_id FROM contract_suppliers
             WHERE regexp_full_match(titulaire_id, '8[0-9]{13}')) t
       LEFT JOIN establishments e ON e.siret = t.titulaire_id
       LEFT JOIN organisations o ON o.siren = left(t.titulaire_id, 9)`,
    );
    expect(Number(named.titulaires)).toBeGreaterThan(10);
    expect(named.named).toBe(named.titulaires);
    expect(named.located).toBe(named.titulaires);
  }, 300_000);
});
