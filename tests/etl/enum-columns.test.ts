// Région, département, format and considerations are stored as ENUM types whose values come from
// the reference tables and the ETL's vocabulary: answers read the same text, sort the same way,
// and a value outside the type fails the load instead of being stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, queryRows, type Database } from "../../lib/duckdb.ts";
import { readSchemaSql, readSql, runScript } from "../../etl/load/sql-script.ts";
import { applyEnumTypes, ENUM_TYPES } from "../../etl/load/enum-columns.ts";
import { REFERENCE_DIR } from "../../etl/pipeline.ts";
import { SOCIAL_CONSIDERATIONS } from "../../lib/vocabulary.ts";

let db: Database;
beforeAll(async () => {
  db = await openDatabase(":memory:");
  await runScript(db.connection, readSchemaSql());
  await runScript(
    db.connection,
    readSql("reference.sql").replaceAll("{{dir}}", REFERENCE_DIR.replace(/'/g, "''")),
  );
  await applyEnumTypes(db.connection);
});
afterAll(() => db.close());

const enumValues = async (type: string) =>
  (await queryRows(db.connection, `SELECT unnest(enum_range(NULL::${type})) AS v`)).map((r) =>
    String(r.v),
  );

const insertContract = (values: Record<string, string>) =>
  db.connection.run(
    `INSERT INTO contracts BY NAME SELECT 'u-' || $region AS uid, 'id' AS id, 'a' AS acheteur_id,
       false AS montant_suspect, 1 AS titulaires_count, 1 AS titulaires_siret_count,
       0 AS modifications_count, $format AS decp_format, 's' AS source, 0 AS source_position,
       $region AS region, [$social] AS considerations_sociales`,
    values,
  );

describe("ENUM columns", () => {
  it("take their values, sorted, from the reference tables and the vocabulary", async () => {
    const regions = await queryRows(db.connection, "SELECT code FROM ref_regions ORDER BY code");
    expect(await enumValues("region_code")).toEqual(regions.map((r) => String(r.code)));
    expect(await enumValues("decp_format_code")).toEqual(["v1", "v2", "v2.0.0"]);
    expect(await enumValues("social_consideration_code")).toEqual(
      SOCIAL_CONSIDERATIONS.map((entry) => entry.code).sort(),
    );
    const typed = await queryRows(
      db.connection,
      "SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE data_type LIKE 'ENUM%'",
    );
    expect(typed).toHaveLength(ENUM_TYPES.flatMap((t) => t.columns).length);
  });

  it("read back as text, filter with bound text values and sort as text", async () => {
    await insertContract({ region: "84", format: "v2", social: "clause_sociale" });
    await insertContract({ region: "11", format: "v1", social: "aucune" });
    const rows = await queryRows(
      db.connection,
      `SELECT region, decp_format, considerations_sociales FROM contracts
       WHERE decp_format IN ($1, $2) AND list_contains(considerations_sociales, $3) ORDER BY region`,
      ["v2", "v3", "clause_sociale"],
    );
    expect(rows).toEqual([
      { region: "84", decp_format: "v2", considerations_sociales: ["clause_sociale"] },
    ]);
    const unknown = await queryRows(
      db.connection,
      "SELECT count(*) AS n FROM contracts WHERE region = $1",
      ["99"],
    );
    expect(Number(unknown[0].n)).toBe(0);
    const ordered = await queryRows(db.connection, "SELECT region FROM contracts ORDER BY region");
    expect(ordered.map((r) => r.region)).toEqual(["11", "84"]);
  });

  it("refuse a value outside the type instead of storing it", async () => {
    await expect(insertContract({ region: "84", format: "v3", social: "aucune" })).rejects.toThrow(
      /v3/,
    );
    await expect(insertContract({ region: "99", format: "v2", social: "aucune" })).rejects.toThrow(
      /99/,
    );
  });
});
