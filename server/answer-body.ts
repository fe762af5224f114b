// An indicator answer's JSON, built chunk by chunk as DuckDB's rows arrive: each slice of a chunk
// (SLICE_ROWS rows) is serialised on its own, then the event loop has a turn, so the main thread
// is never held for a whole answer (a 40 MB answer in one JSON.stringify held every other request
// for seconds; a 2,048-row chunk held /api/health for tens of ms under the hostile load). The bytes are the same as
// JSON.stringify of the whole answer, `rows` being its last key. Bytes rather than a string:
// they live outside the JavaScript heap, in the answer cache too.
//
// The bytes stay in pieces of about PIECE_BYTES, never joined into one buffer: joining a 40 MB
// answer at the end was one copy of 150–270 ms on the main thread (profiled under the hostile load
// on 1.5 M contracts: the slowest /api/health probes waited for it). A piece is joined from its
// slices while it is small, between two turns.
import type { IndicatorRow } from "../indicators/index.ts";
import type { IndicatorResult } from "./api-types.ts";
import { nextTurn, SLICE_ROWS } from "../lib/next-turn.ts";

export type AnswerHead = Omit<IndicatorResult, "rows">;

/** About 1 MB: copied in well under a millisecond, and few pieces for the largest answer. */
export const PIECE_BYTES = 2 ** 20;

/** An answer's JSON as consecutive pieces; `length` is their total size in bytes. */
export interface AnswerBytes {
  pieces: readonly Buffer[];
  length: number;
}

/** The answer's text in one string, for the few callers that read it back (bounded answers). */
export function answerText(bytes: AnswerBytes): string {
  return Buffer.concat(bytes.pieces, bytes.length).toString("utf8");
}

/** Collects slices into pieces of about PIECE_BYTES. */
class Pieces {
  readonly done: Buffer[] = [];
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  length = 0;

  add(slice: Buffer): void {
    this.pending.push(slice);
    this.pendingBytes += slice.length;
    this.length += slice.length;
    if (this.pendingBytes >= PIECE_BYTES) this.close();
  }

  close(): void {
    if (this.pending.length === 0) return;
    this.done.push(this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/**
 * The answer's bytes. `tooLarge` is thrown as soon as the rows × columns read pass `maxCells`:
 * the rest of the result is never read (the caller's signal then stops DuckDB).
 */
export async function answerBody(
  head: AnswerHead,
  rows: AsyncIterable<IndicatorRow[]>,
  maxCells: number,
  tooLarge: () => Error,
): Promise<AnswerBytes> {
  const opening = JSON.stringify({ ...head, rows: [] });
  // `…"rows":[]}` → `…"rows":[` then the rows, then `]}`.
  const pieces = new Pieces();
  pieces.add(Buffer.from(opening.slice(0, -2)));
  const columns = Math.max(1, head.columns.length);
  let count = 0;
  for await (const chunk of rows) {
    if (chunk.length === 0) continue;
    const first = count === 0;
    count += chunk.length;
    if (count * columns > maxCells) throw tooLarge();
    for (let start = 0; start < chunk.length; start += SLICE_ROWS) {
      const text = chunk
        .slice(start, start + SLICE_ROWS)
        .map((row) => JSON.stringify(row))
        .join(",");
      pieces.add(Buffer.from(first && start === 0 ? text : `,${text}`));
      await nextTurn();
    }
  }
  pieces.add(Buffer.from("]}"));
  pieces.close();
  return { pieces: pieces.done, length: pieces.length };
}
