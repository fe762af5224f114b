// The last step of the who's who: each contract gets the columns the SPASER indicators read
// (etl/sql/enrich-contracts.sql), then the contracts are written back part by part, each part a
// set of buyers with each buyer's contracts together (etl/sql/enrich-contracts-part.sql). The
// working tables have a row per contract or per position:
// they live in a scratch database file beside the snapshot, compressed and read back from disk,
// where temporary tables would stay uncompressed in the build's memory.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import { enrichPartContracts } from "../load/etl-memory.ts";
import { readSql, runScript, sqlString } from "../load/sql-script.ts";

/** Adds the per-contract columns; `workDir` holds the scratch database while it runs. */
export async function enrichContracts(
  connection: DuckDBConnection,
  workDir: string,
): Promise<void> {
  const scratch = join(workDir, "enrich-contracts.duckdb");
  await connection.run(`ATTACH ${sqlString(scratch)} AS work`);
  try {
    await runScript(connection, readSql("enrich-contracts.sql"));
    const [{ n }] = await queryRows(connection, "SELECT count(*) AS n FROM work.contracts_before");
    const parts = Math.max(1, Math.ceil(Number(n) / enrichPartContracts()));
    const writeBack = readSql("enrich-contracts-part.sql");
    for (let part = 0; part < parts; part++) {
      await runScript(connection, writeBack, { parts, part });
    }
  } finally {
    // A failed step's error is the one to report, not a failure to detach after it.
    await connection.run("DETACH work").catch(() => undefined);
    await rm(scratch, { force: true });
    await rm(`${scratch}.wal`, { force: true });
  }
}
