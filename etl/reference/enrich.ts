// The who's who step of a snapshot build: stage the reference files of the run (semi-joined with
// the DECP identifiers), read what a tabular feed publishes of them (etl/sql/enrich-feed.sql),
// build organisations, establishments, buyers and titulaires
// (etl/sql/enrich.sql), give each contract what the SPASER indicators need
// (etl/sql/enrich-contracts.sql), and measure the coverage.
import type { DuckDBConnection } from "@duckdb/node-api";
import { PLACEHOLDER_PARTY_ID } from "../../lib/party-ids.ts";
import { readSql, runScript } from "../load/sql-script.ts";
import { dropTemporaryTables, isGeography } from "../load/temporary-tables.ts";
import type { ReferenceInput, ReferenceReport } from "./kinds.ts";
import { stagingTableSql } from "./layouts.ts";
import { loadReference } from "./read-reference.ts";
import { measureCoverage, type CoverageRow } from "./coverage.ts";
import { enrichContracts } from "./enrich-contracts.ts";

export interface Enrichment {
  references: ReferenceReport[];
  coverage: CoverageRow[];
}

export async function enrich(
  connection: DuckDBConnection,
  references: ReferenceInput[],
  workDir: string,
  log: (line: string) => void,
): Promise<Enrichment> {
  for (const statement of stagingTableSql()) await connection.run(statement);
  await runScript(connection, readSql("reference-wanted.sql"));
  const reports: ReferenceReport[] = [];
  for (const [rank, input] of references.entries()) {
    const report = await loadReference(connection, input, rank, workDir);
    log(
      `  reference ${input.name} (${input.kind}, ${report.layout}): ${report.rows_kept} rows kept`,
    );
    reports.push(report);
    await connection.run("INSERT INTO reference_files VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", [
      report.id,
      report.kind,
      report.source,
      report.layout,
      report.bytes,
      report.sha256,
      report.rows_kept,
      report.duration_ms,
    ]);
  }
  await runScript(connection, readSql("enrich-feed.sql"));
  await runScript(connection, readSql("enrich.sql"), {
    placeholder_party_id: PLACEHOLDER_PARTY_ID,
  });
  // What the contracts' columns need is in the who's who tables now: the lists and the feed's
  // values per identifier go before the contracts are rewritten, the largest step.
  await dropTemporaryTables(connection, isGeography);
  await enrichContracts(connection, workDir);
  return { references: reports, coverage: await measureCoverage(connection) };
}
