// The admin endpoint's guard: a token long enough not to be guessed, and failed attempts slowed
// down and logged. Several wrong tokens from one address within a window lock that address out
// (429 with Retry-After) until the window ends; every failure is logged with its address.
import { createHash, timingSafeEqual } from "node:crypto";

export const MIN_ADMIN_TOKEN_LENGTH = 32;

/** Throws when the token is too short to be safe on a public server. */
export function checkAdminToken(token: string): void {
  if (token.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new Error(
      `OBSERVATORY_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters long ` +
        `(it has ${token.length}); e.g. openssl rand -hex 32`,
    );
  }
}

/** Compares digests, so neither the length nor the content leaks through timing. */
export function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export interface ThrottleOptions {
  /** Failures allowed per address within a window. */
  attempts: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { attempts: 5, windowMs: 60_000 };

/** Failed attempts per address, forgotten when their window ends. */
export class FailedAttempts {
  private readonly byAddress = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly options: ThrottleOptions = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds the address must wait before trying again, or 0. */
  lockedFor(address: string): number {
    const entry = this.byAddress.get(address);
    if (!entry) return 0;
    const left = entry.until - this.now();
    if (left <= 0) {
      this.byAddress.delete(address);
      return 0;
    }
    return entry.count >= this.options.attempts ? Math.ceil(left / 1000) : 0;
  }

  /** Counts a failure; returns the failures of the address in its window. */
  fail(address: string): number {
    const now = this.now();
    let entry = this.byAddress.get(address);
    if (!entry || entry.until <= now) {
      entry = { count: 0, until: now + this.options.windowMs };
      // Bounded: a flood of addresses cannot grow the map without end.
      if (this.byAddress.size >= 10_000) this.prune(now);
      this.byAddress.set(address, entry);
    }
    entry.count++;
    return entry.count;
  }

  private prune(now: number): void {
    for (const [address, entry] of this.byAddress) {
      if (entry.until <= now) this.byAddress.delete(address);
    }
    // Still full: the oldest windows go first (a Map keeps insertion order).
    for (const address of this.byAddress.keys()) {
      if (this.byAddress.size < 10_000) break;
      this.byAddress.delete(address);
    }
  }
}
