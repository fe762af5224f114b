// What a finished snapshot holds per source: records loaded and dropped as duplicates, field
// issues, contracts kept under a derived key, and the cases the run summary counts. The pipeline
// checks every source's balance with these figures before installing the snapshot.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import { RUN_CASES, type RunCase } from "../normalise/problems.ts";
import type { UidDerivation } from "../normalise/identity.ts";

export interface SourceCounts {
  loaded: number;
  duplicates: number;
  field_issues: number;
  /** Contracts kept under a key derived from their content, and why (etl/normalise/identity.ts). */
  derived_keys: Record<UidDerivation, number>;
  /** The cases the run summary counts (etl/normalise/problems.ts RUN_CASES). */
  cases: Record<RunCase, number>;
}

/** Loaded, duplicate and field-issue counts per source, from the finished tables. */
export async function countsBySource(
  connection: DuckDBConnection,
): Promise<Map<string, SourceCounts>> {
  const rows = await queryRows(
    connection,
    `WITH sources AS (
       SELECT source FROM contracts UNION SELECT source FROM concessions
       UNION SELECT source FROM duplicates UNION SELECT source FROM field_issues),
     main AS (
       SELECT source, uid_derivation FROM contracts
       UNION ALL SELECT source, uid_derivation FROM concessions)
     SELECT s.source,
       (SELECT count(*) FROM main m WHERE m.source = s.source) AS loaded,
       (SELECT count(*) FROM main m
         WHERE m.source = s.source AND m.uid_derivation = 'placeholder_id') AS placeholder_id,
       (SELECT count(*) FROM main m
         WHERE m.source = s.source AND m.uid_derivation = 'shared_id') AS shared_id,
       (SELECT count(*) FROM duplicates d WHERE d.source = s.source) AS duplicates,
       (SELECT count(*) FROM field_issues f WHERE f.source = s.source) AS field_issues
     FROM sources s`,
  );
  const cases = await casesBySource(connection);
  return new Map(
    rows.map((r) => [
      String(r.source),
      {
        loaded: Number(r.loaded),
        duplicates: Number(r.duplicates),
        field_issues: Number(r.field_issues),
        derived_keys: { placeholder_id: Number(r.placeholder_id), shared_id: Number(r.shared_id) },
        cases: cases.get(String(r.source)) ?? noCases(),
      },
    ]),
  );
}

export function noCases(): Record<RunCase, number> {
  return Object.fromEntries(Object.keys(RUN_CASES).map((c) => [c, 0])) as Record<RunCase, number>;
}

/** Field issues per source for each case of RUN_CASES (a contract may count once per field). */
async function casesBySource(
  connection: DuckDBConnection,
): Promise<Map<string, Record<RunCase, number>>> {
  const entries = Object.entries(RUN_CASES) as [RunCase, string][];
  const rows = await queryRows(
    connection,
    `SELECT source, problem, count(*) AS n FROM field_issues
     WHERE problem IN (${entries.map((_, i) => `$${i + 1}`).join(", ")})
     GROUP BY source, problem`,
    entries.map(([, problem]) => problem),
  );
  const bySource = new Map<string, Record<RunCase, number>>();
  for (const row of rows) {
    const source = String(row.source);
    const counts = bySource.get(source) ?? noCases();
    const found = entries.find(([, problem]) => problem === row.problem);
    if (found) counts[found[0]] = Number(row.n);
    bySource.set(source, counts);
  }
  return bySource;
}
