// What one request may cost (server/limits.ts, answer-limits.ts), on the real server and the
// samples' real DuckDB snapshot with tiny limits: a breakdown with too many combinations refused
// before it runs, an answer over its cell limit pointing to the export (which answers), an export
// over its row limit, each a 400 JSON error naming the limit; the snapshot opened with the limits'
// DuckDB threads and memory; a statement stopped by its signal.
import { availableParallelism } from "node:os";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryAll, QueryInterrupted } from "../../lib/query-stream.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

interface ApiErrorBody {
  error: {
    status: number;
    code: string;
    message: string;
    limit?: { name: string; value: number };
    export?: string;
  };
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    cacheMb: 0,
    limits: { maxGroups: 50, maxAnswerCells: 60, maxExportRows: 3 },
  });
});
afterAll(() => t?.close());

const error = async (response: Response) => ((await response.json()) as ApiErrorBody).error;

describe("the limits of one request", () => {
  it("refuses a breakdown with more combinations than max_groups, before running it", async () => {
    const response = await t.get("/api/indicators/contracts_count?by=departement,cpv_division");
    expect(response.status).toBe(400);
    const body = await error(response);
    expect(body.code).toBe("too_many_groups");
    expect(body.limit).toEqual({ name: "max_groups", value: 50 });
    expect(body.message).toMatch(/departement \d+ × cpv_division \d+/);
    // Refused before it ran: no job of the query queue ended.
    expect(t.server.work.queries.stats().done).toBe(0);
  });

  it("never counts more combinations than contracts (a buyer and its name go together)", async () => {
    const health = (await (await t.get("/api/health")).json()) as {
      snapshot: { contracts: number };
    };
    const response = await t.get("/api/indicators/contracts_count?by=acheteur_id,acheteur_nom");
    expect(response.status).toBe(400);
    const body = await error(response);
    const [, stated, ids, names] =
      /peut donner ([\d\s\u202f]+) combinaisons \(acheteur_id ([\d\s\u202f]+) × acheteur_nom ([\d\s\u202f]+)\)/.exec(
        body.message,
      ) ?? [];
    const number = (text = "") => Number(text.replace(/[\s\u202f]/g, ""));
    // The product of the values is far above the contracts; the bound is the contracts.
    expect(number(ids) * number(names)).toBeGreaterThan(health.snapshot.contracts);
    expect(number(stated)).toBe(health.snapshot.contracts);
  });

  it("answers a breakdown within the limits", async () => {
    const response = await t.get("/api/indicators/contracts_count?by=type_marche");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { rows: unknown[]; columns: unknown[] };
    expect(body.rows.length * body.columns.length).toBeLessThanOrEqual(60);
  });

  it("refuses an answer over max_answer_cells, pointing to the export of the same request", async () => {
    const response = await t.get("/api/indicators/contracts_count?by=year,type_marche");
    expect(response.status).toBe(400);
    const body = await error(response);
    expect(body.code).toBe("answer_too_large");
    expect(body.limit).toEqual({ name: "max_answer_cells", value: 60 });
    expect(body.export).toBe(
      "/api/indicators/contracts_count/export?by=year%2Ctype_marche&format=csv",
    );
    expect(body.message).toContain(body.export);
    // Its export is refused too here (3 rows at most), by its own limit.
    const exported = await t.get(body.export ?? "");
    expect(exported.status).toBe(400);
    expect((await error(exported)).limit).toEqual({ name: "max_export_rows", value: 3 });
  });

  it("exports within the row limit, and names Excel's limit only for XLSX", async () => {
    const small = await t.get("/api/indicators/contracts_count/export?format=csv");
    expect(small.status).toBe(200);
    expect((await small.text()).trim().split("\n").length).toBe(2);
    const xlsx = await t.get("/api/indicators/contracts_count/export?by=year&format=xlsx");
    expect(xlsx.status).toBe(400);
    const body = await error(xlsx);
    expect(body.code).toBe("export_too_large");
    expect(body.limit).toEqual({ name: "max_export_rows", value: 3 });
  });
});

describe("the served snapshot's DuckDB", () => {
  it("runs with the threads and memory of the limits (default: every core but the main thread's)", async () => {
    const [settings] = await t.server.snapshots.use((s) =>
      s.query(
        "SELECT current_setting('threads') AS threads, current_setting('memory_limit') AS memory",
      ),
    );
    expect(settings.threads).toBe(Math.max(1, availableParallelism() - 1));
    // 1,024 MB as DuckDB shows it.
    expect(String(settings.memory)).toMatch(/^(1\.0 GiB|1024\.0 MiB|976\.5 MiB)$/);
  });
});

describe("a statement whose signal aborts", () => {
  it("is interrupted in DuckDB and reported as interrupted, never as a short result", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const controller = new AbortController();
      const running = queryAll(
        connection,
        "SELECT count(*) AS n FROM range(10000000000) t(x) WHERE x % 7 = 3",
        [],
        controller.signal,
      );
      setTimeout(() => controller.abort(new Error("client gone")), 100);
      const failure = await running.then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(QueryInterrupted);
      expect((failure as QueryInterrupted).message).toContain("client gone");
      // The connection is usable again.
      expect(await queryAll(connection, "SELECT 42 AS n")).toEqual([{ n: 42 }]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
