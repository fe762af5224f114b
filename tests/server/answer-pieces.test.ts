// An answer larger than a piece (server/answer-body.ts) is kept in several pieces that are never
// joined: their bytes, put end to end, are exactly JSON.stringify of the whole answer, each piece
// stays near PIECE_BYTES, and the cell limit still stops the reading.
import { describe, expect, it } from "vitest";
import { answerBody, answerText, PIECE_BYTES, type AnswerHead } from "../../server/answer-body.ts";
import { IndicatorRowSchema, type IndicatorRow } from "../../indicators/result-columns.ts";

const head = { snapshot_id: "s", columns: [{ name: "k" }, { name: "n" }] } as unknown as AnswerHead;

/** `count` rows in DuckDB-sized chunks, each row about 140 bytes of JSON. */
async function* rowsOf(count: number, chunk = 2048): AsyncGenerator<IndicatorRow[]> {
  for (let start = 0; start < count; start += chunk) {
    const rows: IndicatorRow[] = [];
    for (let i = start; i < Math.min(count, start + chunk); i++) {
      const key = `acheteur ${i} « é »`.padEnd(60, "x");
      rows.push(
        IndicatorRowSchema.parse({ key, n: i, value: i / 7, coverage: 1, n_scope: i, flags: [] }),
      );
    }
    yield rows;
  }
}

describe("answer pieces", () => {
  it("are the whole answer's JSON, in pieces of about PIECE_BYTES", async () => {
    const count = 30_000;
    const bytes = await answerBody(head, rowsOf(count), Infinity, () => new Error("too large"));
    const expected: IndicatorRow[] = [];
    for await (const chunk of rowsOf(count)) expected.push(...chunk);
    const whole = JSON.stringify({ ...head, rows: expected });
    expect(bytes.pieces.length).toBeGreaterThan(1);
    expect(bytes.length).toBe(Buffer.byteLength(whole));
    expect(bytes.pieces.reduce((sum, piece) => sum + piece.length, 0)).toBe(bytes.length);
    expect(answerText(bytes)).toBe(whole);
    // A piece is closed once it passes PIECE_BYTES: never more than one slice above it.
    for (const piece of bytes.pieces) expect(piece.length).toBeLessThan(PIECE_BYTES + 64 * 1024);
  });

  it("of an empty answer are its head with no row", async () => {
    const bytes = await answerBody(head, rowsOf(0), 10, () => new Error("too large"));
    expect(answerText(bytes)).toBe(JSON.stringify({ ...head, rows: [] }));
  });

  it("stop at the cell limit", async () => {
    // 2 columns: 5,000 cells is passed within the second chunk of 2,048 rows.
    await expect(
      answerBody(head, rowsOf(30_000), 5_000, () => new Error("too large")),
    ).rejects.toThrow("too large");
  });
});
