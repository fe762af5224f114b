// Child step: the observatory's real server (server/start.ts) on 127.0.0.1, random port, no refresh
// schedule (no ETL run starts during a measurement).
//   serve.ts DB 0      answer cache off: every request is computed
//   serve.ts DB        as shipped: answer cache on, home page answers computed ahead
// Prints "URL WARM_SECONDS" on stdout once the server is ready (warming done, if any).
import { startServer } from "../../server/start.ts";

const [dbPath, cacheMb] = process.argv.slice(2);
const log = (line: string) => process.stderr.write(`${line}\n`);

const started = performance.now();
const server = await startServer({
  dbPath,
  port: 0,
  host: "127.0.0.1",
  schedule: false,
  log,
  ...(cacheMb === undefined ? {} : { cacheMb: Number(cacheMb) }),
});
await server.warmed();
const warmSeconds = server.answers ? (performance.now() - started) / 1000 : 0;
process.stdout.write(`${server.url} ${warmSeconds.toFixed(2)}\n`);
process.once("SIGTERM", () => void server.close().finally(() => process.exit(0)));
