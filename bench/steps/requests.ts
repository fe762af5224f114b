// The requests measured for every indicator: plain, with a breakdown, with a filter. The
// breakdown is the region where the indicator allows it (18 groups and a label join: the more
// demanding of the dashboard's two usual ones), the year otherwise.
import type { IndicatorDefinition, RequestInput } from "../../indicators/index.ts";

export interface BenchRequest {
  label: string;
  input: RequestInput;
}

export function benchRequests(definition: IndicatorDefinition): BenchRequest[] {
  const requests: BenchRequest[] = [{ label: "plain", input: {} }];
  const by = ["region", "year"].find((d) => definition.breakdowns.includes(d));
  if (by) requests.push({ label: `by ${by}`, input: { by: [by] } });
  if (definition.filters.includes("year"))
    requests.push({
      label: "year = 2025",
      input: { filters: [{ dimension: "year", op: "eq", values: [2025] }] },
    });
  return requests;
}

/** p-th percentile (nearest rank) of a list of timings. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Milliseconds taken by `fn`, for `runs` runs after one unmeasured warm-up run (if asked). */
export async function timeRuns(runs: number, fn: () => unknown, warmUp = true): Promise<number[]> {
  if (warmUp) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times;
}
