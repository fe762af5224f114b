// A program some tests need and a new user's machine may lack (Chromium, LibreOffice Calc,
// poppler). Without it those tests are skipped with one loud line, so that `npm test` still
// passes on a fresh machine; under the tool's OBSERVATORY_REQUIRE_… variable (.ci/run) they run,
// and fail on the missing program, never skip.

export interface OptionalTool {
  /** Whether the program is on this machine. */
  present: boolean;
  /** The environment variable that makes it mandatory (set to "1" by .ci/run). */
  requiredBy: string;
  /** What the skip line says is missing and how to install it, after the test's name. */
  missing: string;
}

/**
 * Whether the tests named `name` run here. When they do not, says so on stderr in one line,
 * naming the test, the program and how to get it.
 */
export function runsHere(tool: OptionalTool, name: string): boolean {
  if (tool.present || process.env[tool.requiredBy] === "1") return true;
  console.warn(`SKIPPED: "${name}" ${tool.missing}; .ci/run makes ${tool.requiredBy}=1 mandatory.`);
  return false;
}
