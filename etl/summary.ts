// The summary table printed at the end of a run.
import type { EtlReport } from "./pipeline.ts";

const COLUMNS = ["records_read", "loaded", "rejected", "duplicates", "field_issues"] as const;

export function formatSummary(report: EtlReport): string {
  const header = ["source", "format", ...COLUMNS];
  const rows = report.sources.map((s) => [s.source, s.format, ...COLUMNS.map((c) => String(s[c]))]);
  const total = COLUMNS.map((c) => String(report.sources.reduce((sum, s) => sum + s[c], 0)));
  rows.push(["total", "", ...total]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
  if (report.status === "ok") {
    out.push(
      "",
      `${report.contracts} marchés and ${report.concessions} contrats de concession in ${report.db}` +
        ` (run ${report.run_id}, ${(report.duration_ms / 1000).toFixed(1)} s)`,
    );
  } else out.push("", `run ${report.run_id} FAILED: nothing was replaced`);
  return out.join("\n") + "\n";
}
