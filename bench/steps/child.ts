// Runs benchmark steps in child processes, so each figure of time and memory is the step's own:
// peak memory is the child's VmHWM (high-water mark of its resident set), polled from /proc every
// 50 ms and completed by the peak the child prints itself at exit (PEAK_RSS_KB=…).
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync } from "node:fs";

export interface Measured {
  seconds: number;
  peakRssMb: number | null;
  stdout: string;
}

function peakKb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null; // the process has just ended
  }
}

// BENCH_NODE_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") is given to every step's Node:
// to profile a step, as NODE_OPTIONS refuses --cpu-prof.
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter((flag) => flag !== "");

function spawnStep(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [...nodeFlags, "--import", "tsx", ...args], {
    env: { ...process.env, ...env },
  });
}

/** Runs a step to its end: wall time, peak RSS, stdout. Its stderr is passed on as progress. */
export function measure(args: string[], env: Record<string, string> = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawnStep(args, env);
    let stdout = "";
    let stderr = "";
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, peakKb(child.pid) ?? 0)), 50);
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => {
      stderr = (stderr + c.toString()).slice(-20_000);
      if (process.env.BENCH_VERBOSE) process.stderr.write(c);
    });
    child.on("exit", (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const reported = /PEAK_RSS_KB=(\d+)/.exec(stderr);
      const kb = Math.max(peak, reported ? Number(reported[1]) : 0);
      if (code !== 0) reject(new Error(`${args.join(" ")} exited ${code}: ${stderr.slice(-2000)}`));
      else resolve({ seconds, peakRssMb: kb ? Math.round(kb / 1024) : null, stdout });
    });
  });
}

export interface Running {
  /** The first line the child printed on stdout (a server's URL). */
  firstLine: string;
  peakRssMb(): number | null;
  stop(): Promise<void>;
}

/** Starts a long-running step (a server) and resolves once it printed its first stdout line. */
export function start(args: string[], env: Record<string, string> = {}): Promise<Running> {
  return new Promise((resolve, reject) => {
    const child = spawnStep(args, env);
    let peak = 0;
    let stdout = "";
    let stderr = "";
    const timer = setInterval(() => (peak = Math.max(peak, peakKb(child.pid) ?? 0)), 50);
    const exited = new Promise<void>((done) => child.on("exit", () => done()));
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`${args.join(" ")} exited: ${stderr.slice(-2000)}`));
    });
    // A server logs as it serves: only the end is kept, for an error message.
    child.stderr.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
      if (!stdout.includes("\n")) return;
      resolve({
        firstLine: stdout.split("\n")[0],
        peakRssMb: () => (peak ? Math.round(peak / 1024) : null),
        stop: async () => {
          child.kill("SIGTERM");
          await exited;
        },
      });
    });
  });
}
