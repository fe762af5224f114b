// The ETL command, with its side effects passed in so that tests run it in-process.
//   npm run etl -- [FILE|URL …] [--db PATH] [--json] [--reference KIND=FILE …]
//                                                 reference files read before the shipped ones
//                                                 (a national SIRENE stock, e.g.)
//                 --refresh [--config FILE]     fetch the declared sources, rebuild if something changed
//                 --snapshots | --rollback RUN  list the kept snapshots, or make one current again
//                 --force                       install even a snapshot that empties or shrinks the
//                                               served one (load/shrink-guard.ts)
// Progress goes to stderr; stdout carries the summary table, or only one JSON object with --json.
import { parseArgs } from "node:util";
import { DEFAULT_DB, REFERENCE_DIR, runEtl, type EtlReport } from "./pipeline.ts";
import { REFERENCE_KINDS, type ReferenceInput, type ReferenceKind } from "./reference/kinds.ts";
import { shippedReferences } from "./reference/defaults.ts";
import { formatSummary } from "./summary.ts";
import { loadConfig } from "./refresh/config.ts";
import { refresh, SERVER_TRIGGERS, type RefreshReport, type Trigger } from "./refresh/refresh.ts";
import { listSnapshots, rollback } from "./load/snapshots.ts";

export interface EtlCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** "Today" for the date checks (tests); the real day by default. */
  today?: Date;
}

export const USAGE = `usage: npm run etl -- [FILE|URL …] [--db PATH] [--json] [--force] [--reference KIND=FILE …]
       npm run etl -- --refresh [--config observatory.config.json] [--db PATH] [--json] [--force]
       npm run etl -- --snapshots | --rollback RUN_ID [--db PATH]`;

/** The server starts refreshes in a child process and says why (one of SERVER_TRIGGERS). */
function triggerOf(env: EtlCliIo["env"]): Trigger {
  const value = env.OBSERVATORY_REFRESH_TRIGGER;
  return SERVER_TRIGGERS.find((trigger) => trigger === value) ?? "manual";
}

/** Runs the command; returns the exit code (0 ok, 1 failed run, 2 bad usage). */
export async function runEtlCli(argv: readonly string[], io: EtlCliIo): Promise<number> {
  const say = (line: string) => io.stderr(`${line}\n`);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        db: { type: "string" },
        json: { type: "boolean" },
        refresh: { type: "boolean" },
        config: { type: "string", default: "observatory.config.json" },
        snapshots: { type: "boolean" },
        rollback: { type: "string" },
        force: { type: "boolean" },
        reference: { type: "string", multiple: true },
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    say(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const references = parseReferences(values.reference ?? []);
  if (typeof references === "string") {
    say(`${references}\n${USAGE}`);
    return 2;
  }
  const dbPath = values.db ?? io.env.OBSERVATORY_DB ?? DEFAULT_DB;
  if (values.help) {
    io.stdout(
      `${USAGE}\nWith no FILE, loads the DECP samples shipped in data/samples.\n` +
        "A run that would empty the observatory, or lose more than half its contracts " +
        "(maxContractDrop of the config), is not installed unless --force.\n",
    );
    return 0;
  }
  if (values.snapshots) {
    for (const s of listSnapshots(dbPath)) io.stdout(`${s.runId}\t${s.bytes}\n`);
    return 0;
  }
  if (values.rollback) {
    await rollback(dbPath, values.rollback);
    say(`snapshot ${values.rollback} is current again`);
    return 0;
  }
  const report: EtlReport | RefreshReport = values.refresh
    ? await refresh({
        config: loadConfig(values.config),
        dbPath,
        trigger: triggerOf(io.env),
        log: say,
        force: values.force === true,
      })
    : await runEtl({
        inputs: positionals,
        dbPath,
        log: say,
        today: io.today,
        force: values.force === true,
        ...(references.length > 0
          ? { references: [...references, ...shippedReferences(REFERENCE_DIR)] }
          : {}),
      });
  if (values.json) io.stdout(`${JSON.stringify(report)}\n`);
  else if ("sources" in report) io.stdout(formatSummary(report));
  else io.stdout(`refresh ${report.status}\n`);
  if (report.status === "failed") {
    const where = report.error?.source ? `${report.error.source}: ` : "";
    const message = report.error?.message ?? "unknown error";
    say(
      `error: ${message.startsWith(where) ? message : where + message}\nThe database was not changed.`,
    );
    return 1;
  }
  return 0;
}

/** `--reference KIND=FILE` → reference inputs (earlier wins), or the reason it is not one. */
function parseReferences(specs: string[]): ReferenceInput[] | string {
  const inputs: ReferenceInput[] = [];
  for (const spec of specs) {
    const at = spec.indexOf("=");
    const kind = spec.slice(0, at);
    const path = spec.slice(at + 1);
    if (at < 1 || path === "" || !(REFERENCE_KINDS as readonly string[]).includes(kind)) {
      return `--reference ${spec}: expected KIND=FILE, KIND one of ${REFERENCE_KINDS.join(", ")}`;
    }
    inputs.push({ id: "command-line", kind: kind as ReferenceKind, path, name: path });
  }
  return inputs;
}
