// The scheduled refresh, as the server runs it: the sources and the cron expression come from
// observatory.config.json; each run is a child process (etl/refresh/service.ts), so the server
// keeps answering and moves to the new snapshot by itself (db.ts). A broken config stops the start.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readRuns } from "../etl/load/run-history.ts";
import { loadConfig } from "../etl/refresh/config.ts";
import {
  checkSchedule,
  childProcessRunner,
  RefreshService,
  type RefreshOutcome,
  type RefreshStatus,
} from "../etl/refresh/service.ts";
import type { ServerTrigger } from "../etl/refresh/refresh.ts";

export const DEFAULT_CONFIG = join(
  fileURLToPath(new URL("..", import.meta.url)),
  "observatory.config.json",
);

/** What the admin and runs routes need. */
export interface RefreshControl {
  status(): RefreshStatus;
  /** Starts a refresh now, unless one runs (`why`: "api" unless said). */
  trigger(why?: ServerTrigger): { started: boolean; done: Promise<RefreshOutcome> };
  /** Every run of the history, newest first. */
  runs(): Record<string, unknown>[];
  stop(): Promise<void>;
}

export interface RefreshOptions {
  configPath: string;
  dbPath: string;
  /** Start the cron schedule (off in tests). */
  schedule: boolean;
  log: (line: string) => void;
  /** Called after every run, whatever its outcome. */
  onDone?: (outcome: RefreshOutcome) => void;
}

export function startRefresh(options: RefreshOptions): RefreshControl {
  const config = loadConfig(options.configPath);
  checkSchedule(config, options.configPath);
  const service = new RefreshService(
    config,
    childProcessRunner(options.configPath, options.dbPath, options.log),
    options.log,
    options.onDone,
  );
  if (options.schedule) service.start();
  return {
    status: () => service.status(),
    trigger: (why = "api") => service.trigger(why),
    runs: () => readRuns(options.dbPath).reverse(),
    stop: () => service.stop(),
  };
}
