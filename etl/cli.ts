// Entry point of `npm run etl` (see cli-run.ts for the command itself).
import { runEtlCli } from "./cli-run.ts";

runEtlCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
}).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`error: ${error.message}\n`);
    process.exitCode = 1;
  },
);
