// Starts the observatory: builds the database from the shipped samples when there is none,
// opens it read-only, has a refresh rebuild it when an older version built it, and listens. Used
// by main.ts and by the tests (port 0).
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { runEtl } from "../etl/pipeline.ts";
import { describeOutdated } from "../etl/load/snapshot-format.ts";
import { formatIssue, loadCatalogue } from "../indicators/index.ts";
import { loadPlans } from "../indicators/plans/load.ts";
import { createApp } from "./app.ts";
import { loadQualityDefinition } from "./publication-quality/definition.ts";
import type { AppDeps } from "./deps.ts";
import { openSnapshots, type SnapshotProvider } from "./db.ts";
import { createAnswerCache, type AnswerCache } from "./answer-cache.ts";
import { DEFAULT_CONFIG, startRefresh } from "./refresh.ts";
import { CacheWarmer, homePageRequests } from "./warm-cache.ts";
import { SnapshotCardinalities } from "./answer-limits.ts";
import { SnapshotReferences } from "./reference-codes.ts";
import { answerParserErrors } from "./client-errors.ts";
import { resolveLimits, type ServerLimits } from "./limits.ts";
import { checkAdminToken, type ThrottleOptions } from "./admin-guard.ts";
import { createWork, type Work } from "./work.ts";

export interface StartOptions {
  dbPath: string;
  port: number;
  host: string;
  log?: (line: string) => void;
  clock?: () => Date;
  /** observatory.config.json: the sources and the refresh schedule. */
  configPath?: string;
  /**
   * Keep the data current: run the scheduled refresh, and rebuild at once a snapshot that an older
   * version built (main: yes; tests: no).
   */
  schedule?: boolean;
  /** Enables POST /api/admin/refresh with this bearer token (at least 32 characters). */
  adminToken?: string;
  /** Wrong admin tokens allowed per address and window (default 5 a minute). */
  adminThrottle?: ThrottleOptions;
  /** Memory for cached indicator answers, in MB (default 256; 0 turns the cache off). */
  cacheMb?: number;
  /**
   * Compute the home page's answers of each snapshot as soon as it is served (default: yes).
   * Tests that do not look at the cache turn it off: it is background work they do not read.
   */
  warmCache?: boolean;
  /** The folder of SPASER files (default: indicators/spaser/); tests give plans of their own. */
  spaserDir?: string;
  /** What a request may cost and how much heavy work runs at once (limits.ts; defaults there). */
  limits?: Partial<ServerLimits>;
  /**
   * Called as each job of heavy work starts, before it runs anything: tests hold a slot with it
   * (to fill a queue, or to leave while a job runs) and observe its signal.
   */
  onJobStart?: (kind: "queries" | "exports", signal: AbortSignal) => Promise<void>;
}

export interface RunningServer {
  url: string;
  port: number;
  snapshots: SnapshotProvider;
  /** The queues of heavy work: their events say when a job starts and how it ends (tests). */
  work: Work;
  /** The answer cache, if on: its figures are in /api/health. */
  answers: AnswerCache | null;
  /** Resolves when the home page's answers of the current snapshot are computed. */
  warmed(): Promise<void>;
  close(): Promise<void>;
}

export async function ensureDatabase(dbPath: string, log: (line: string) => void): Promise<void> {
  if (existsSync(dbPath)) return;
  log(`no database at ${dbPath}: building one from the shipped samples (data/samples)…`);
  const report = await runEtl({ inputs: [], dbPath, log });
  if (report.status !== "ok") {
    throw new Error(`could not build the database: ${report.error?.message ?? "unknown error"}`);
  }
  log(`built ${report.contracts} contracts in ${Math.round(report.duration_ms / 100) / 10} s`);
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  // Refused before anything starts: a weak token or impossible limits are configuration errors.
  if (options.adminToken !== undefined) checkAdminToken(options.adminToken);
  const limits = resolveLimits(options.limits);
  await ensureDatabase(options.dbPath, log);
  const catalogue = loadCatalogue();
  for (const issue of catalogue.errors) log(`warning: indicator left out: ${formatIssue(issue)}`);
  // A broken publication-quality definition stops the start, naming the file and the bad path.
  loadQualityDefinition();
  const plans = loadPlans(catalogue, options.spaserDir);
  for (const issue of plans.errors) log(`warning: SPASER file left out: ${formatIssue(issue)}`);
  // Set once the server listens: a refresh that loaded a new snapshot warms the cache for it.
  let afterNewSnapshot = () => {};
  // A broken config or schedule stops the start here, with a message naming the problem.
  const refresh = startRefresh({
    configPath: options.configPath ?? DEFAULT_CONFIG,
    dbPath: options.dbPath,
    schedule: options.schedule ?? false,
    log,
    onDone: (outcome) => {
      if (outcome.status === "ok") afterNewSnapshot();
    },
  });
  const snapshots = openSnapshots(options.dbPath, {
    memoryLimitMb: limits.duckdbMemoryMb,
    threads: limits.duckdbThreads,
  });
  // Fail now, not on the first request, if the file is not a snapshot. One built by an older
  // version of the code is rebuilt by a refresh started now, and served until the new one is in,
  // by a server that keeps its data current; another (a test's, a benchmark's) only says so.
  const { format, outdated } = await snapshots.current();
  if (outdated) {
    if (options.schedule) {
      log(`${describeOutdated(format)}: refreshing its sources now, serving it until then`);
      refresh.trigger("upgrade");
    } else {
      log(
        `warning: ${describeOutdated(format)}; until a refresh rebuilds it, a page that reads what it lacks answers 503`,
      );
    }
  }
  const cacheMb = options.cacheMb ?? 256;
  const answers = cacheMb > 0 ? createAnswerCache(cacheMb * 2 ** 20) : null;
  const work = createWork(limits, options.onJobStart);
  const deps: AppDeps = {
    snapshots,
    catalogue,
    plans,
    clock: options.clock ?? (() => new Date()),
    log,
    work,
    cardinalities: new SnapshotCardinalities(catalogue.model),
    references: new SnapshotReferences(),
    refresh,
    ...(options.adminToken ? { adminToken: options.adminToken } : {}),
    ...(options.adminThrottle ? { adminThrottle: options.adminThrottle } : {}),
    ...(answers ? { answers } : {}),
  };
  // Warming only makes sense with somewhere to keep the answers.
  const warmer =
    answers && options.warmCache !== false
      ? new CacheWarmer(deps, homePageRequests(catalogue), log)
      : null;
  if (warmer) deps.warmer = warmer;
  const app = createApp(deps);
  const server = app.listen(options.port, options.host);
  answerParserErrors(server);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  // The home page's answers of the snapshot served, computed now rather than on the first visit.
  let noticing: Promise<void> = Promise.resolve();
  if (warmer) {
    afterNewSnapshot = () => {
      noticing = snapshots
        .use(async (s) => warmer.notice(s.key))
        .catch((error: Error) => log(`cache warming: ${error.message}`));
    };
    afterNewSnapshot();
  }
  const shownHost = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    snapshots,
    work,
    answers,
    warmed: async () => {
      await noticing;
      await warmer?.idle();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          // Queries of a warming still running must end before the database closes.
          void Promise.all([refresh.stop(), warmer?.stop()]).finally(() => {
            snapshots.close();
            if (error) reject(error);
            else resolve();
          });
        });
      }),
  };
}
