// The hostile-load step's health prober, run in a worker thread of its own: GET /api/health every
// 0.5 s until told to stop, each probe's latency and outcome sent back at the end. In the bench's
// main thread a probe's time also held autocannon's handling of thousands of answers a second on
// the same event loop, and the first one Node's loading of its fetch (about 90 ms here): the
// client's delays, not the server's. One probe before the load warms this thread's fetch and is
// not counted.
import { parentPort, workerData } from "node:worker_threads";

export interface Probe {
  ms: number;
  ok: boolean;
}

export interface ProberData {
  base: string;
  everyMs: number;
}

async function probe(base: string): Promise<Probe> {
  const started = performance.now();
  try {
    const response = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
    return { ms: performance.now() - started, ok: response.ok };
  } catch {
    return { ms: performance.now() - started, ok: false };
  }
}

const port = parentPort;
if (port !== null) {
  const { base, everyMs } = workerData as ProberData;
  let probing = true;
  port.once("message", () => (probing = false));
  await probe(base);
  port.postMessage("ready");
  const probes: Probe[] = [];
  while (probing) {
    const next = performance.now() + everyMs;
    probes.push(await probe(base));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
  }
  port.postMessage(probes);
}
