// The who's who rewrites the contracts with their new columns part by part (buyers hashed into
// parts: etl/sql/enrich-contracts-part.sql), so that the joins of one part only sit in memory.
// Splitting the samples into many parts must change nothing: every contract, every column, is the
// one the samples' snapshot (one part) holds. Either way a buyer's contracts are stored together,
// in the order of the buyer ids within a part (what lets a question about one buyer skip the
// blocks of the others).
// @module-tag slow
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultInputs } from "../../etl/pipeline.ts";
import { openDatabase, queryRows } from "../../lib/duckdb.ts";
import { cachedEtl } from "../helpers/etl-cache.ts";
import { copySamplesSnapshot, TEST_TODAY, tempDir } from "../helpers/samples-db.ts";

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PER_PART = 1_000;

describe("contracts rewritten in parts by the who's who", () => {
  it("are the contracts rewritten at once, column by column", async () => {
    const whole = join(dir, "whole.duckdb");
    copySamplesSnapshot(whole);
    const parts = join(dir, "parts.duckdb");
    // The samples' run with small parts, built by the real ETL once per content of its code.
    const report = await cachedEtl(defaultInputs(), TEST_TODAY, parts, {
      env: { OBSERVATORY_ENRICH_PART_CONTRACTS: String(PER_PART) },
    });
    expect(report.status, report.error?.message).toBe("ok");
    const db = await openDatabase(":memory:");
    try {
      const one = async (sql: string) => (await queryRows(db.connection, sql))[0];
      await db.connection.run(`ATTACH '${whole}' AS whole (READ_ONLY)`);
      await db.connection.run(`ATTACH '${parts}' AS parts (READ_ONLY)`);
      const { n } = await one("SELECT count(*) AS n FROM whole.contracts");
      // Enough contracts for several parts, and the enrichment columns filled in some of them.
      expect(Number(n)).toBeGreaterThan(3 * PER_PART);
      const filled = await one(
        "SELECT count(acheteur_denomination) AS named, count(titulaires_taille_connue) AS sized FROM parts.contracts",
      );
      expect(Number(filled.named)).toBeGreaterThan(0);
      expect(Number(filled.sized)).toBeGreaterThan(0);
      // run_id and the source's path differ from one run to the other; every other column counts.
      const columns = (
        await queryRows(
          db.connection,
          "SELECT column_name FROM duckdb_columns() WHERE database_name = 'whole' AND table_name = 'contracts' AND column_name NOT IN ('run_id') ORDER BY column_index",
        )
      ).map((c) => `"${String(c.column_name)}"`);
      expect(columns.length).toBeGreaterThan(40);
      const list = columns.join(", ");
      const differ = (a: string, b: string) =>
        one(
          `SELECT count(*) AS n FROM (SELECT ${list} FROM ${a}.contracts EXCEPT ALL SELECT ${list} FROM ${b}.contracts)`,
        );
      expect(Number((await differ("whole", "parts")).n)).toBe(0);
      expect(Number((await differ("parts", "whole")).n)).toBe(0);
      expect(Number((await one("SELECT count(*) AS n FROM parts.contracts")).n)).toBe(Number(n));

      // Stored together: from a buyer's first row to its last, only its own rows.
      const stored = (db: string) =>
        one(
          `SELECT count(*) AS buyers, count(*) FILTER (WHERE last_row - first_row + 1 <> n) AS scattered
             FROM (SELECT acheteur_id, min(rowid) AS first_row, max(rowid) AS last_row, count(*) AS n
                     FROM ${db}.contracts GROUP BY acheteur_id)`,
        );
      for (const db of ["whole", "parts"]) {
        const { buyers, scattered } = await stored(db);
        expect(Number(buyers), db).toBeGreaterThan(1000);
        expect(Number(scattered), db).toBe(0);
      }
      // One part: the whole table in the order of the buyer ids.
      const { backwards } = await one(
        `SELECT count(*) FILTER (WHERE acheteur_id < previous) AS backwards
           FROM (SELECT acheteur_id, lag(acheteur_id) OVER (ORDER BY rowid) AS previous FROM whole.contracts)`,
      );
      expect(Number(backwards)).toBe(0);
    } finally {
      db.close();
    }
  }, 180_000);
});
