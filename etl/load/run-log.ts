// The run log of a snapshot: this run and its sources, plus the runs of the snapshot it replaces,
// so the history survives each swap.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import type { EtlReport } from "../report.ts";
import { SNAPSHOT_FORMAT } from "./snapshot-format.ts";
import { sqlString } from "./sql-script.ts";

const TOOL_VERSION = "0.1.0";

export async function writeRunLog(
  connection: DuckDBConnection,
  report: EtlReport,
  previousDb: string | null,
  log: (line: string) => void,
): Promise<{ contracts: number; concessions: number }> {
  const [totals] = await queryRows(
    connection,
    "SELECT (SELECT count(*) FROM contracts) AS contracts, (SELECT count(*) FROM concessions) AS concessions",
  );
  const contracts = Number(totals.contracts);
  const concessions = Number(totals.concessions);
  await connection.run(
    "INSERT INTO runs VALUES ($1, $2::TIMESTAMP, $3::TIMESTAMP, $4, $5, $6, $7, $8)",
    [
      report.run_id,
      report.started_at.replace("T", " ").replace("Z", ""),
      report.finished_at.replace("T", " ").replace("Z", ""),
      report.status,
      contracts,
      concessions,
      TOOL_VERSION,
      SNAPSHOT_FORMAT,
    ],
  );
  for (const s of report.sources) {
    const t = s.tabular;
    await connection.run(
      `INSERT INTO run_sources VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
         $15, $16, $17, $18, $19, $20)`,
      [
        report.run_id,
        s.source,
        s.format,
        s.synthetic,
        s.bytes,
        s.sha256,
        s.records_read,
        s.loaded,
        s.rejected,
        s.duplicates,
        s.field_issues,
        s.duration_ms,
        s.derived_keys.placeholder_id,
        s.derived_keys.shared_id,
        t?.dialect ?? null,
        t?.encoding ?? null,
        t?.separator ?? null,
        t?.rows_read ?? null,
        t?.rows_used ?? null,
        t?.rows_rejected ?? null,
      ],
    );
  }
  if (previousDb) await carryOverHistory(connection, previousDb, log);
  await connection.run("CHECKPOINT");
  return { contracts, concessions };
}

async function carryOverHistory(
  connection: DuckDBConnection,
  previousDb: string,
  log: (line: string) => void,
): Promise<void> {
  try {
    await connection.run(`ATTACH ${sqlString(previousDb)} AS previous (READ_ONLY)`);
    await connection.run("INSERT INTO runs BY NAME SELECT * FROM previous.runs");
    await connection.run("INSERT INTO run_sources BY NAME SELECT * FROM previous.run_sources");
  } catch (error) {
    log(
      `note: the run history of the previous database could not be carried over (${(error as Error).message})`,
    );
  } finally {
    await connection.run("DETACH DATABASE IF EXISTS previous").catch(() => undefined);
  }
}
