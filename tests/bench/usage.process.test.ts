// The two bench commands as users type them: --help prints how to call them and succeeds; an
// unknown option names itself, prints the same usage and fails, without a stack trace.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const exec = promisify(execFile);

/** Runs a bench script with tsx, as `npm run` does; exit code, stdout and stderr. */
async function run(script: string, args: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: ROOT,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe.each([
  ["bench/generate.ts", /^usage: npm run generate -- --contracts N --format v1\|v2\|/],
  ["bench/run.ts", /^usage: npm run bench \[-- --file FILE\]/],
])("%s", (script, usage) => {
  it("--help prints its usage on stdout and exits 0", async () => {
    const result = await run(script, ["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(usage);
    expect(result.stderr).toBe("");
  });

  it("an unknown option is named, the usage printed, and the exit code is 2", async () => {
    const result = await run(script, ["--contrats", "10"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/Unknown option '--contrats'/);
    expect(result.stderr).toMatch(/usage: npm run/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
