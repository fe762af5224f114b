// Entry point of `npm run indicator` (see cli-run.ts for the command itself).
import { runCli } from "./cli-run.ts";

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
process.exitCode = code;
