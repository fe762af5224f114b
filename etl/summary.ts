// The summary printed at the end of a run: one line per source with its balance and the contracts
// kept under a derived key, then the cases counted across sources (etl/normalise/problems.ts).
import type { EtlReport, SourceReport } from "./pipeline.ts";
import { RUN_CASES, type RunCase } from "./normalise/problems.ts";
import { COVERAGE_ITEMS, type CoverageItem, type CoverageRow } from "./reference/coverage.ts";
import { describeTabular } from "./tabular/stats.ts";

const COLUMNS = ["records_read", "loaded", "rejected", "duplicates", "field_issues"] as const;
const DERIVED = ["placeholder_id", "shared_id"] as const;

/** What each case means, for the summary's reader. */
const CASE_TEXT: Record<RunCase, string> = {
  amount_delta_set_aside:
    "modification amounts set aside as probable deltas (the last trusted total is kept)",
  siret_type_recognised: "titulaires without typeIdentifiant recognised as valid SIRETs",
  empty_party_dropped: "empty titulaires or concessionnaires dropped",
  repeated_party_dropped: "titulaires or concessionnaires listed again on one contract, kept once",
  future_date_nulled: "dates after the day of the run, nulled",
  notified_after_publication: "contracts notified after their data were published (flagged)",
  value_outside_list: "values outside the DECP lists, nulled",
  subcontracting_contradiction: "sousTraitanceDeclaree false with acts of sous-traitance (flagged)",
};

const cells = (s: SourceReport): number[] => [
  ...COLUMNS.map((c) => s[c]),
  ...DERIVED.map((d) => s.derived_keys[d]),
];

export function formatSummary(report: EtlReport): string {
  const header = ["source", "format", ...COLUMNS, ...DERIVED.map((d) => `key_${d}`)];
  const rows = report.sources.map((s) => [s.source, s.format, ...cells(s).map(String)]);
  const totals = header.slice(2).map((_, i) => report.sources.reduce((t, s) => t + cells(s)[i], 0));
  rows.push(["total", "", ...totals.map(String)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
  out.push(
    "",
    "key_placeholder_id: contracts whose id is missing or generic, kept under a key derived from the",
    "buyer and the content; key_shared_id: lots published under one id the same day, each kept.",
  );
  const tabular = report.sources.filter((s) => s.tabular);
  if (tabular.length > 0) {
    out.push("", "tabular sources (rows grouped into contracts: records_read above):");
    for (const s of tabular) if (s.tabular) out.push(describeTabular(s.source, s.tabular));
  }
  const cases = (Object.keys(CASE_TEXT) as RunCase[])
    .map((c) => [c, report.sources.reduce((t, s) => t + s.cases[c], 0)] as const)
    .filter(([, n]) => n > 0);
  if (cases.length > 0) {
    out.push("", "checked and counted:");
    for (const [c, n] of cases) out.push(`  ${String(n).padStart(7)}  ${CASE_TEXT[c]}`);
  }
  if (report.status === "ok") out.push(...coverageLines(report.coverage));
  if (report.status === "ok") {
    out.push(
      "",
      `${report.contracts} marchés and ${report.concessions} contrats de concession in ${report.db}` +
        ` (run ${report.run_id}, ${(report.duration_ms / 1000).toFixed(1)} s)`,
    );
  } else out.push("", `run ${report.run_id} FAILED: nothing was replaced`);
  return out.join("\n") + "\n";
}

const COVERAGE_TEXT: Record<CoverageItem, string> = {
  buyer_named: "buyer named",
  buyer_typed: "buyer type known",
  titulaires_named: "every titulaire named",
  titulaires_size_known: "every titulaire of known size (PME/ETI/GE)",
  titulaires_located: "every titulaire located (département)",
};

/** Who's who coverage: share of contracts (and of amount) per item, for all and per format. */
function coverageLines(rows: CoverageRow[]): string[] {
  if (rows.length === 0) return [];
  const pct = (part: number, whole: number) =>
    whole > 0 ? `${((100 * part) / whole).toFixed(1)} %`.padStart(7) : "      –";
  const out = [
    "",
    `who's who coverage (contracts / amount): ${rows.map((r) => r.scope).join(", ")}`,
  ];
  for (const item of COVERAGE_ITEMS) {
    const cells = rows.map(
      (r) =>
        `${pct(r.covered[item].contracts, r.contracts)} / ${pct(r.covered[item].amount, r.amount)}`,
    );
    out.push(`  ${COVERAGE_TEXT[item].padEnd(44)} ${cells.join("   ")}`);
  }
  return out;
}

// RUN_CASES and CASE_TEXT must list the same cases.
void (RUN_CASES satisfies Record<RunCase, string>);
