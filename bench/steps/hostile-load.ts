// The hostile-load step: 50 concurrent heavy, uncached requests for 30 s on the real server
// (serve.ts, answer cache off) while /api/health is probed every 0.5 s from a thread of its own
// (health-prober.ts). Reports the probes' latency (p50, p95, p99, max) and failures, the server's
// peak RSS, the answers by status (5xx apart from the 503s of admission control, which carry
// Retry-After) and the time from the end of the load until no heavy work runs or waits.
import autocannon from "autocannon";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { start } from "./child.ts";
import type { Probe, ProberData } from "./health-prober.ts";
import { percentile } from "./requests.ts";

const SERVE = fileURLToPath(new URL("serve.ts", import.meta.url));
const PROBER = new URL("health-prober.ts", import.meta.url);

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

/** One health request after the load, read for the work still running or waiting. */
async function workAfter(base: string): Promise<WorkStats | null> {
  try {
    const response = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) });
    return (await response.json()) as WorkStats;
  } catch {
    return null;
  }
}

/** Starts the prober's thread; resolves once its first (uncounted) probe is answered. */
async function startProber(base: string): Promise<{ stop(): Promise<Probe[]> }> {
  const data: ProberData = { base, everyMs: 500 };
  // Node 20 does not give a worker the parent's TypeScript loader: the thread registers tsx's
  // itself before it imports the prober.
  const boot = `import("tsx/esm/api").then((tsx) => tsx.register()).then(() => import(${JSON.stringify(PROBER.href)}))`;
  const worker = new Worker(boot, { eval: true, workerData: data });
  const failed = new Promise<never>((_, reject) => worker.once("error", reject));
  const next = () => Promise.race([once(worker, "message").then(([value]) => value), failed]);
  await next();
  return {
    async stop() {
      worker.postMessage("stop");
      const probes = (await next()) as Probe[];
      await worker.terminate();
      return probes;
    },
  };
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
    const prober = await startProber(base);
    say(`  ${connections} connections on heavy uncached requests for ${seconds} s…`);
    const result = await autocannon({
      url: base,
      connections,
      duration: seconds,
      timeout: 60,
      requests: HEAVY_PATHS.map((path) => ({ method: "GET", path })),
    });
    const probes = await prober.stop();
    const stopped = performance.now();
    let idleAfter: number | null = null;
    while (performance.now() - stopped < 120_000) {
      const body = await workAfter(base);
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
