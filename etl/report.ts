// What a run reports, per source and in total: the run log (load/run-log.ts), the history, the
// summary table and the command's JSON all read it. Apart from pipeline.ts, which writes it, so
// that the steps of a run can take it without importing the run itself.
import type { SourceCounts } from "./load/source-counts.ts";
import type { ReferenceReport } from "./reference/kinds.ts";
import type { CoverageRow } from "./reference/coverage.ts";
import type { TabularStats } from "./tabular/stats.ts";

export interface SourceReport {
  source: string;
  format: string;
  synthetic: boolean;
  bytes: number;
  sha256: string;
  records_read: number;
  loaded: number;
  rejected: number;
  duplicates: number;
  field_issues: number;
  /** Contracts kept under a key derived from their content, and why. */
  derived_keys: SourceCounts["derived_keys"];
  /** Cases of the run summary: field issues counted per case (RUN_CASES). */
  cases: SourceCounts["cases"];
  duration_ms: number;
  /** A CSV or Parquet source: how it was read, its rows and the contracts they make. */
  tabular?: TabularStats;
}

export interface EtlReport {
  status: "ok" | "failed";
  run_id: string;
  db: string;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  contracts: number;
  concessions: number;
  sources: SourceReport[];
  /** The reference files of the run (SIRENE, collectivités lists…), in order of precedence. */
  references: ReferenceReport[];
  /** Who's who coverage: contracts and amount with a named buyer, titulaires of known size… */
  coverage: CoverageRow[];
  error?: { source: string | null; message: string };
}
