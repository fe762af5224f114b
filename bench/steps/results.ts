// The shape of bench/results.json, and the targets checked against the figures.
import type { Measured } from "./child.ts";
import type { ServerFigures } from "./server.ts";
import type { HostileLoad } from "./hostile-load.ts";

export interface IndicatorFigure {
  id: string;
  request: string;
  rows: number;
  uncached_p50_ms: number;
  uncached_p95_ms: number;
  cached_p50_ms: number;
  cached_p95_ms: number;
  cache_hit_share: number;
}

export interface SqliteFigure {
  id: string;
  request: string;
  equal: boolean;
  difference?: string;
  duckdb_p50_ms: number;
  sqlite_p50_ms: number;
  ratio: number;
}

export interface Target {
  target: string;
  measured: string;
  ratio: string;
  pass: boolean;
}

export interface Results {
  date: string;
  machine: { cpu: string; cores: number; ram_gb: number; load_average: number[] };
  versions: Record<string, string>;
  runs: {
    uncached: number;
    cached: number;
    sqlite: number;
    duckdb_vs_sqlite: number;
    server_seconds: number;
    hostile_seconds: number;
  };
  file: { path: string; mb: number };
  etl: {
    byte_scan: Measured;
    anchor_a: Measured;
    anchor_b: Measured;
    etl: Measured;
    records_read: number;
    contracts: number;
    db_mb: number;
  };
  indicators: IndicatorFigure[];
  sqlite: { load_seconds: number; file_mb: number; contracts: number; results: SqliteFigure[] };
  server: ServerFigures[];
  /** 50 heavy uncached requests at once while health is probed (hostile-load.ts). */
  hostile_load: HostileLoad;
  targets: Target[];
}

const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "—");

function share(items: readonly number[], pass: (v: number) => boolean): [string, boolean] {
  const met = items.filter(pass).length;
  return [`${met} / ${items.length} requests`, met === items.length];
}

export function checkTargets(r: Omit<Results, "targets">): Target[] {
  const { etl } = r;
  const gb = (etl.etl.peakRssMb ?? Infinity) / 1024;
  const toB = etl.etl.seconds / etl.anchor_b.seconds;
  const toA = etl.etl.seconds / etl.anchor_a.seconds;
  const uncached = share(
    r.indicators.map((i) => i.uncached_p95_ms),
    (v) => v <= 50,
  );
  const cached = share(
    r.indicators.map((i) => i.cached_p95_ms),
    (v) => v <= 5,
  );
  const ratios = r.sqlite.results.map((s) => s.ratio);
  const faster = share(ratios, (v) => v >= 10);
  const unequal = r.sqlite.results.filter((s) => !s.equal).length;
  const worst = (key: "uncached_p95_ms" | "cached_p95_ms") =>
    r.indicators.reduce((a, b) => (b[key] > a[key] ? b : a));
  const targets: Target[] = [
    {
      target: "ETL wall ≤ 2× anchor (b)",
      measured: `${fixed(etl.etl.seconds)} s vs ${fixed(etl.anchor_b.seconds)} s`,
      ratio: `${fixed(toB)}×`,
      pass: toB <= 2,
    },
    {
      target: "ETL wall well under anchor (a)",
      measured: `${fixed(etl.etl.seconds)} s vs ${fixed(etl.anchor_a.seconds)} s`,
      ratio: `${fixed(toA, 2)}×`,
      pass: toA <= 0.5,
    },
    {
      target: "ETL peak RSS ≤ 1 GB",
      measured: `${fixed(gb, 2)} GB`,
      ratio: `${fixed(gb, 2)}×`,
      pass: gb <= 1,
    },
    {
      target: "every indicator p95 ≤ 50 ms uncached",
      measured: `${uncached[0]}; worst ${worst("uncached_p95_ms").id} ${fixed(worst("uncached_p95_ms").uncached_p95_ms, 0)} ms`,
      ratio: `${fixed(worst("uncached_p95_ms").uncached_p95_ms / 50)}× (worst)`,
      pass: uncached[1],
    },
    {
      target: "every indicator p95 ≤ 5 ms cached",
      measured: `${cached[0]}; worst ${fixed(worst("cached_p95_ms").cached_p95_ms, 3)} ms`,
      ratio: `${fixed(worst("cached_p95_ms").cached_p95_ms / 5, 3)}× (worst)`,
      pass: cached[1],
    },
    {
      target: "≥ 10× faster than SQLite (same answers)",
      measured: `${faster[0]}; ${unequal} unequal answers`,
      ratio: `${fixed(Math.min(...ratios))}× – ${fixed(Math.max(...ratios))}× (median ${fixed(median(ratios))}×)`,
      pass: faster[1] && unequal === 0,
    },
  ];
  // The target is about cached answers: the server with its cache off is context (its own table).
  for (const s of r.server.filter((server) => server.mode !== "cache off")) {
    const [single] = s.load;
    targets.push({
      target: "≥ 2 000 req/s on a cached indicator request",
      measured: `${Math.round(single.requests_per_second)} req/s, ${single.errors} errors`,
      ratio: `${fixed(single.requests_per_second / 2000, 2)}×`,
      pass: single.requests_per_second >= 2000 && single.errors === 0,
    });
  }
  return targets;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
