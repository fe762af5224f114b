// The hostile-load step: 50 concurrent heavy, uncached requests for 30 s on the real server
// (serve.ts, answer cache off) while /api/health is probed every 0.5 s. Reports the probes'
// latency (p50, p95, p99, max) and failures, the server's peak RSS, the answers by status (5xx apart
// from the 503s of admission control, which carry Retry-After) and the time from the end of the
// load until no heavy work runs or waits.
import autocannon from "autocannon";
import { fileURLToPath } from "node:url";
import { start } from "./child.ts";
import { percentile } from "./requests.ts";

const SERVE = fileURLToPath(new URL("serve.ts", import.meta.url));

/** Heavy breakdowns of the measurements (some refused by max_groups: 400, cheap). */
export const HEAVY_PATHS = [
  "/api/indicators/procedure_mix?by=month,acheteur_id,departement",
  "/api/indicators/amount_median?by=month,acheteur_id,cpv_division",
  "/api/indicators/top_supplier_share?by=month,acheteur_id,type_marche",
  "/api/indicators/amount_median?by=month,cpv_division,departement",
  "/api/indicators/procedure_mix?by=year,acheteur_id",
  "/api/indicators/top_supplier_share?by=year,acheteur_id",
];

export interface HostileLoad {
  connections: number;
  seconds: number;
  requests: number;
  status: { "2xx": number; "4xx": number; "503": number; "other 5xx": number };
  errors_and_timeouts: number;
  health: {
    probes: number;
    failed: number;
    p50_ms: number;
    p95_ms: number;
    p99_ms: number;
    max_ms: number;
  };
  peak_rss_mb: number | null;
  idle_after_ms: number | null;
}

interface WorkStats {
  work: Record<"queries" | "exports", { running: number; queued: number }>;
}

async function probe(base: string): Promise<{ ms: number; ok: boolean; body?: WorkStats }> {
  const started = performance.now();
  try {
    const response = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) });
    const body = (await response.json()) as WorkStats;
    return { ms: performance.now() - started, ok: response.ok, body };
  } catch {
    return { ms: performance.now() - started, ok: false };
  }
}

export async function measureHostileLoad(
  dbPath: string,
  seconds: number,
  say: (line: string) => void,
  connections = 50,
): Promise<HostileLoad> {
  const server = await start([SERVE, dbPath, "0"]);
  const [base] = server.firstLine.trim().split(" ");
  try {
    const probes: { ms: number; ok: boolean }[] = [];
    let loading = true;
    const prober = (async () => {
      while (loading) {
        const next = performance.now() + 500;
        probes.push(await probe(base));
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
      }
    })();
    say(`  ${connections} connections on heavy uncached requests for ${seconds} s…`);
    const result = await autocannon({
      url: base,
      connections,
      duration: seconds,
      timeout: 60,
      requests: HEAVY_PATHS.map((path) => ({ method: "GET", path })),
    });
    loading = false;
    await prober;
    const stopped = performance.now();
    let idleAfter: number | null = null;
    while (performance.now() - stopped < 120_000) {
      const { body } = await probe(base);
      const busy = body ? body.work.queries.running + body.work.queries.queued : 1;
      if (busy === 0) {
        idleAfter = Math.round(performance.now() - stopped);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const codes = (result as { statusCodeStats?: Record<string, { count: number }> })
      .statusCodeStats;
    const count = (test: (code: number) => boolean) =>
      Object.entries(codes ?? {})
        .filter(([code]) => test(Number(code)))
        .reduce((sum, [, stat]) => sum + stat.count, 0);
    const latencies = probes.map((p) => p.ms).sort((a, b) => a - b);
    return {
      connections,
      seconds,
      requests: result.requests.total,
      status: {
        "2xx": count((c) => c >= 200 && c < 300),
        "4xx": count((c) => c >= 400 && c < 500),
        "503": count((c) => c === 503),
        "other 5xx": count((c) => c >= 500 && c !== 503),
      },
      errors_and_timeouts: result.errors + result.timeouts,
      health: {
        probes: probes.length,
        failed: probes.filter((p) => !p.ok).length,
        p50_ms: Math.round(percentile(latencies, 50)),
        p95_ms: Math.round(percentile(latencies, 95)),
        p99_ms: Math.round(percentile(latencies, 99)),
        max_ms: Math.round(latencies.at(-1) ?? 0),
      },
      peak_rss_mb: server.peakRssMb(),
      idle_after_ms: idleAfter,
    };
  } finally {
    await server.stop();
  }
}
