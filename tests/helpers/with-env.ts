// Environment variables set for the time of one call, then put back as they were (unset ones
// unset again): process.env is shared by every test file a worker runs (vitest.config.ts,
// isolate: false), so a test never leaves a value behind.

/** Runs `run` with `vars` set in process.env, and restores the previous values afterwards. */
export async function withEnv<T>(vars: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  Object.assign(process.env, vars);
  try {
    return await run();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
