// `npm start`: the observatory on http://localhost:3000 (PORT and HOST override; OBSERVATORY_DB
// chooses the database file). On a fresh clone it first builds the database from the samples.
// It refreshes the data on the schedule of observatory.config.json; OBSERVATORY_ADMIN_TOKEN
// enables POST /api/admin/refresh; OBSERVATORY_CACHE_MB sizes the answer cache (0 turns it off);
// the limits of a request and of heavy work come from OBSERVATORY_* variables (limits.ts).
import { DEFAULT_DB } from "../etl/pipeline.ts";
import { numberFromEnv, type EnvNumberRule } from "../lib/env-number.ts";
import { limitsFromEnv } from "./limits.ts";
import { startServer } from "./start.ts";

/** A variable that is not a number it can run with stops the server at once, naming it. */
function fromEnv(name: string, rule: EnvNumberRule): number {
  try {
    return numberFromEnv(process.env, name, rule);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(2);
  }
}

const port = fromEnv("PORT", {
  fallback: 3000,
  min: 0,
  max: 65535,
  zero: "0: any free port",
});
// Local by default: the observatory is opened in a browser on the same machine.
const host = process.env.HOST ?? "localhost";
const cacheMb = fromEnv("OBSERVATORY_CACHE_MB", {
  counts: "MB",
  fallback: 256,
  min: 0,
  decimal: true,
  zero: "0: no cache",
});

try {
  const adminToken = process.env.OBSERVATORY_ADMIN_TOKEN;
  const server = await startServer({
    dbPath: DEFAULT_DB,
    port,
    host,
    schedule: true,
    cacheMb,
    limits: limitsFromEnv(process.env),
    // Set but empty is a mistake too: it is checked (and refused) like a short one.
    ...(adminToken !== undefined ? { adminToken } : {}),
  });
  process.stderr.write(
    `observatoire : ${server.url.replace(/127\.0\.0\.1|\[::1\]/, "localhost")}\n`,
  );
  const stop = () => {
    server.close().finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
