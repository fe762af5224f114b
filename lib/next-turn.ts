// Gives the event loop a turn. Work on the main thread that grows with an answer (turning DuckDB's
// values into rows, rows into JSON) is cut into slices with a turn between them, so that
// /api/health, cached answers and the 503s of a full queue are served while large answers are
// built (measured by the bench's hostile-load step), instead of waiting for a whole chunk of rows.
import { setImmediate as immediate } from "node:timers/promises";

/** Rows turned into JSON between two turns of the event loop. */
export const SLICE_ROWS = 256;

export function nextTurn(): Promise<void> {
  return immediate();
}
