// What one source may make the ETL hold, whatever its content: a record over maxRecordBytes is
// not kept in memory (only its first bytes, for the reject table) and becomes a rejected record
// with its reason, the run going on; a gzip stream that expands beyond maxExpandedBytes fails the
// source with that reason. No real DECP record comes near 1 MB; the national file expands to a
// few GB. OBSERVATORY_MAX_RECORD_MB and OBSERVATORY_MAX_EXPANDED_GB override the defaults.
import { Transform } from "node:stream";
import { numberFromEnv } from "../../lib/env-number.ts";
import { SourceFormatError } from "./types.ts";

export const DEFAULT_MAX_RECORD_BYTES = 8 * 2 ** 20;
export const DEFAULT_MAX_EXPANDED_BYTES = 20 * 2 ** 30;

/**
 * How deep a record's values (a JSON record's arrays and objects, an XML record's elements) may
 * nest. A DECP record nests five or six levels; a record nesting thousands (a generator's bug, an
 * attack) would overflow the stack of every step that walks it and end the run: it is rejected
 * alone, with this reason, whatever its format.
 */
export const MAX_RECORD_DEPTH = 100;

/** Why such a record is rejected. */
export const TOO_DEEP_REASON = `record nested more than ${MAX_RECORD_DEPTH} levels deep: not a DECP record, whose values nest a few levels`;

/** The first bytes of an oversized record that the reject table keeps. */
export const OVERSIZE_KEPT_BYTES = 2000;

export interface InputLimits {
  maxRecordBytes: number;
  maxExpandedBytes: number;
}

/** Defaults, overridden by the environment; throws naming a variable that is not a number. */
export function inputLimitsFromEnv(env: Record<string, string | undefined>): InputLimits {
  // In MB and GB, decimals allowed (0.5 MB), above 0 (a test's limit can be a few bytes).
  const read = (name: string, unit: number, counts: string, fallback: number) => {
    const rule = { counts, fallback: fallback / unit, min: 0, aboveMin: true, decimal: true };
    return Math.round(numberFromEnv(env, name, rule) * unit);
  };
  return {
    maxRecordBytes: read("OBSERVATORY_MAX_RECORD_MB", 2 ** 20, "MB", DEFAULT_MAX_RECORD_BYTES),
    maxExpandedBytes: read(
      "OBSERVATORY_MAX_EXPANDED_GB",
      2 ** 30,
      "GB",
      DEFAULT_MAX_EXPANDED_BYTES,
    ),
  };
}

// An oversized record travels to the normaliser (here or in a worker thread) as its kept first
// bytes behind a header that no JSON text can start with (a NUL byte), carrying its size.
const MARK = "\u0000oversize:";

export function oversizeRecord(kept: Buffer, size: number, limit: number): Buffer {
  return Buffer.concat([Buffer.from(`${MARK}${size}:${limit}\u0000`), kept]);
}

/** The reject reason of a record of `size` bytes over `limit` (JSON and XML alike). */
export function oversizeReason(size: number | string, limit: number | string): string {
  return `record too large: ${size} bytes, over the limit of ${limit} bytes (OBSERVATORY_MAX_RECORD_MB)`;
}

/** The reject reason and kept text of an oversized record, or null for an ordinary one. */
export function readOversize(text: string): { reason: string; raw: string } | null {
  if (!text.startsWith(MARK)) return null;
  const end = text.indexOf("\u0000", MARK.length);
  const [size, limit] = text.slice(MARK.length, end).split(":");
  return { reason: oversizeReason(size, limit), raw: text.slice(end + 1) };
}

/** Passes bytes on, and fails the source once more than `limit` have passed. */
export function expansionLimit(source: string, limit: number): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      if (total > limit) {
        done(
          new SourceFormatError(
            source,
            "gzip",
            `the gzip data expands beyond ${limit} bytes, the limit (OBSERVATORY_MAX_EXPANDED_GB)`,
          ),
        );
        return;
      }
      done(null, chunk);
    },
  });
}
