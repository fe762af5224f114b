// Large answers are serialised slice by slice with turns of the event loop between them
// (server/answer-body.ts, lib/next-turn.ts): on the real server and the samples' snapshot, an
// answer of many slices is exactly JSON.stringify of itself (no comma lost or doubled between
// slices or DuckDB chunks) and has one row per buyer as DuckDB counts them; health answers beside it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SLICE_ROWS } from "../../lib/next-turn.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ cacheMb: 0 });
});
afterAll(() => t?.close());

describe("an answer of many slices", () => {
  it("is the JSON of the whole answer, one row per buyer", async () => {
    const [response, health] = await Promise.all([
      t.get("/api/indicators/contracts_count?by=acheteur_id"),
      t.get("/api/health"),
    ]);
    expect(health.status).toBe(200);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(Number(response.headers.get("content-length"))).toBe(Buffer.byteLength(text));
    const body = JSON.parse(text) as { rows: { acheteur_id: string; n: number }[] };
    expect(body.rows.length).toBeGreaterThan(2 * SLICE_ROWS);
    expect(JSON.stringify(body)).toBe(text);
    const [counted] = await queryFile(
      t.dbPath,
      "SELECT count(DISTINCT acheteur_id) AS buyers, count(*) AS contracts FROM contracts",
    );
    expect(body.rows.length).toBe(Number(counted?.buyers));
    expect(body.rows.reduce((sum, row) => sum + row.n, 0)).toBe(Number(counted?.contracts));
    expect(new Set(body.rows.map((row) => row.acheteur_id)).size).toBe(body.rows.length);
  });
});
