// Who holds the build lock, told apart from a later process that happens to get the same PID:
// the lock records the PID with the process's start time (field 22 of /proc/<pid>/stat, clock
// ticks since boot) and the boot id. After a crash and a reboot, or once the PID is reused, the
// recorded start no longer matches the live process, so the lock is stale and taken over.
import { readFileSync } from "node:fs";

export interface ProcessIdentity {
  pid: number;
  /** Start time in clock ticks since boot; null where /proc is not available. */
  start: string | null;
  /** /proc/sys/kernel/random/boot_id; null where it is not available. */
  boot: string | null;
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return null;
  }
}

/** The start time of a live process, or null (no /proc, or no such process). */
export function processStart(pid: number): string | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // The command name (field 2) is in parentheses and may hold spaces: count after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields[19] ?? null;
}

export function bootId(): string | null {
  return readOrNull("/proc/sys/kernel/random/boot_id");
}

export function identityOf(pid: number): ProcessIdentity {
  return { pid, start: processStart(pid), boot: bootId() };
}

/** A lock file's content: JSON of the identity; an older lock holds only the PID. */
export function parseIdentity(text: string): ProcessIdentity | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), start: null, boot: null };
  try {
    const value = JSON.parse(trimmed) as Partial<ProcessIdentity>;
    if (typeof value.pid !== "number" || value.pid <= 0) return null;
    return {
      pid: value.pid,
      start: typeof value.start === "string" ? value.start : null,
      boot: typeof value.boot === "string" ? value.boot : null,
    };
  } catch {
    return null;
  }
}

/**
 * The recorded process is still the one running under its PID. Where the lock or this system
 * cannot tell (an older lock, no /proc), a live PID counts as the holder, as before.
 */
export function sameProcessRunning(recorded: ProcessIdentity): boolean {
  if (!isAlive(recorded.pid)) return false;
  const boot = bootId();
  if (recorded.boot !== null && boot !== null && recorded.boot !== boot) return false;
  const start = processStart(recorded.pid);
  if (recorded.start !== null && start !== null && recorded.start !== start) return false;
  return true;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
