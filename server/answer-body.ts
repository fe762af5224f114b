// An indicator answer's JSON, built chunk by chunk as DuckDB's rows arrive: each slice of a chunk
// (SLICE_ROWS rows) is serialised on its own, then the event loop has a turn, so the main thread
// is never held for a whole answer (a 40 MB answer in one JSON.stringify held every other request
// for seconds; a 2,048-row chunk held /api/health for tens of ms under the hostile load). The bytes are the same as
// JSON.stringify of the whole answer, `rows` being its last key. Bytes rather than a string:
// they live outside the JavaScript heap, in the answer cache too.
import type { IndicatorRow } from "../indicators/index.ts";
import type { IndicatorResult } from "./api-types.ts";
import { nextTurn, SLICE_ROWS } from "../lib/next-turn.ts";

export type AnswerHead = Omit<IndicatorResult, "rows">;

/**
 * The answer's bytes. `tooLarge` is thrown as soon as the rows × columns read pass `maxCells`:
 * the rest of the result is never read (the caller's signal then stops DuckDB).
 */
export async function answerBody(
  head: AnswerHead,
  rows: AsyncIterable<IndicatorRow[]>,
  maxCells: number,
  tooLarge: () => Error,
): Promise<Buffer> {
  const opening = JSON.stringify({ ...head, rows: [] });
  // `…"rows":[]}` → `…"rows":[` then the rows, then `]}`.
  const parts: Buffer[] = [Buffer.from(opening.slice(0, -2))];
  const columns = Math.max(1, head.columns.length);
  let count = 0;
  for await (const chunk of rows) {
    if (chunk.length === 0) continue;
    count += chunk.length;
    if (count * columns > maxCells) throw tooLarge();
    for (let start = 0; start < chunk.length; start += SLICE_ROWS) {
      const text = chunk
        .slice(start, start + SLICE_ROWS)
        .map((row) => JSON.stringify(row))
        .join(",");
      parts.push(Buffer.from(parts.length === 1 ? text : `,${text}`));
      await nextTurn();
    }
  }
  parts.push(Buffer.from("]}"));
  return Buffer.concat(parts);
}
