// Runs one measured step in a child process and reports its wall time and peak memory (VmHWM of
// the child, polled from /proc), so each figure is the step's own, not the benchmark's.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

export interface Measured {
  seconds: number;
  peakRssMb: number | null;
  stdout: string;
}

function peakKb(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export function measure(args: string[], env: Record<string, string> = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ["--import", "tsx", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    let peak: number | null = null;
    const timer = setInterval(() => {
      const now = child.pid ? peakKb(child.pid) : null;
      if (now !== null) peak = Math.max(peak ?? 0, now);
    }, 50);
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // The child prints its own peak at exit too (more exact than the last poll).
      const reported = /PEAK_RSS_KB=(\d+)/.exec(stderr);
      const kb = reported ? Math.max(Number(reported[1]), peak ?? 0) : peak;
      if (code !== 0) reject(new Error(`${args.join(" ")} exited ${code}: ${stderr.slice(-2000)}`));
      else resolve({ seconds, peakRssMb: kb === null ? null : Math.round(kb / 1024), stdout });
    });
  });
}
