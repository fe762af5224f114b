// The refresh as the server runs it: on a node-cron schedule (Europe/Paris by default) or on
// demand, never two at once, each in a child process (`etl/cli.ts --refresh --json`) so that the
// server keeps answering while records are parsed, and survives whatever happens to the run. A
// child that dies without its report (kill -9, out of memory) is recorded as failed in the
// history here, since it could not record itself.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import cron, { type ScheduledTask } from "node-cron";
import type { RefreshConfig } from "./config.ts";
import { ConfigError } from "./config.ts";
import { appendRun } from "../load/run-history.ts";
import type { ServerTrigger } from "./refresh.ts";

export interface RefreshOutcome {
  status: string;
  run_id?: string;
  error?: { message: string };
  [key: string]: unknown;
}

export type RefreshRunner = (trigger: ServerTrigger) => Promise<RefreshOutcome>;

export interface RefreshStatus {
  running: boolean;
  trigger: string | null;
  started_at: string | null;
  schedule: { cron: string; timezone: string; next_run: string | null } | null;
  last: RefreshOutcome | null;
}

const CLI = fileURLToPath(new URL("../cli.ts", import.meta.url));

/** Throws a ConfigError naming the expression or time zone when the schedule is not valid. */
export function checkSchedule(config: RefreshConfig, file: string): void {
  const schedule = config.schedule;
  if (!schedule?.enabled) return;
  const problems: string[] = [];
  if (!cron.validate(schedule.cron))
    problems.push(`schedule.cron: invalid cron expression "${schedule.cron}"`);
  try {
    new Intl.DateTimeFormat("fr-FR", { timeZone: schedule.timezone });
  } catch {
    problems.push(`schedule.timezone: unknown time zone "${schedule.timezone}"`);
  }
  if (problems.length > 0) throw new ConfigError(file, problems);
}

/**
 * Runs `etl/cli.ts --refresh --json` in a child process and returns its JSON report.
 * `onSpawn` is told of each child (tests kill it).
 */
export function childProcessRunner(
  configPath: string,
  dbPath: string,
  log: (line: string) => void,
  onSpawn?: (child: ChildProcess) => void,
): RefreshRunner {
  return (trigger) =>
    new Promise((resolve) => {
      const startedAt = new Date().toISOString();
      const child = spawn(
        process.execPath,
        ["--import", "tsx", CLI, "--refresh", "--json", "--config", configPath, "--db", dbPath],
        {
          stdio: ["ignore", "pipe", "pipe"],
          env: { ...process.env, OBSERVATORY_REFRESH_TRIGGER: trigger },
        },
      );
      onSpawn?.(child);
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) =>
        chunk
          .toString()
          .split("\n")
          .filter(Boolean)
          .forEach((l) => log(`[refresh] ${l}`)),
      );
      child.on("exit", (code, signal) => {
        try {
          resolve(JSON.parse(stdout) as RefreshOutcome);
        } catch {
          const outcome = {
            status: "failed",
            trigger,
            started_at: startedAt,
            finished_at: new Date().toISOString(),
            error: {
              source: null,
              message: `refresh process ended (${signal ?? `exit ${code}`}) without a report`,
            },
          };
          // The child could not write its run: the history says it failed, and how.
          appendRun(dbPath, outcome)
            .catch((error: unknown) => log(`could not record the failed refresh: ${String(error)}`))
            .finally(() => resolve(outcome));
        }
      });
    });
}

export class RefreshService {
  private task: ScheduledTask | null = null;
  private running: { trigger: string; started: Date; done: Promise<RefreshOutcome> } | null = null;
  private last: RefreshOutcome | null = null;

  constructor(
    private readonly config: RefreshConfig,
    private readonly runner: RefreshRunner,
    private readonly log: (line: string) => void = () => {},
    /** Told of every finished run (the server warms its cache after a new snapshot). */
    private readonly onDone: (outcome: RefreshOutcome) => void = () => {},
  ) {}

  /** Starts the schedule (call checkSchedule first). */
  start(): void {
    const schedule = this.config.schedule;
    if (!schedule?.enabled) return;
    this.task = cron.schedule(schedule.cron, () => void this.trigger("schedule"), {
      timezone: schedule.timezone,
      name: "observatory-refresh",
      noOverlap: true,
    });
  }

  /** Starts a refresh unless one is running: never two at once, whatever triggered them. */
  trigger(trigger: ServerTrigger): { started: boolean; done: Promise<RefreshOutcome> } {
    if (this.running) {
      this.log(
        `refresh (${trigger}) skipped: the ${this.running.trigger} refresh started at ${this.running.started.toISOString()} is still running`,
      );
      return { started: false, done: this.running.done };
    }
    const started = new Date();
    const done = this.runner(trigger).then((outcome) => {
      this.last = outcome;
      this.running = null;
      this.log(
        `refresh (${trigger}) ${outcome.status}${outcome.error ? `: ${outcome.error.message}` : ""}`,
      );
      this.onDone(outcome);
      return outcome;
    });
    this.running = { trigger, started, done };
    return { started: true, done };
  }

  status(): RefreshStatus {
    const schedule = this.config.schedule;
    const next = this.task?.getNextRun() ?? null;
    return {
      running: this.running !== null,
      trigger: this.running?.trigger ?? null,
      started_at: this.running?.started.toISOString() ?? null,
      schedule: schedule?.enabled
        ? {
            cron: schedule.cron,
            timezone: schedule.timezone,
            next_run: next ? next.toISOString() : null,
          }
        : null,
      last: this.last,
    };
  }

  async stop(): Promise<void> {
    await this.task?.destroy();
    this.task = null;
    await this.running?.done;
  }
}
