// Queries keep flowing while the ETL swaps a new snapshot in: zero failures, each query sees one
// whole snapshot, and the reader moves to the new snapshot by itself.
// @module-tag slow
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEtl, SAMPLES_DIR } from "../../etl/pipeline.ts";
import { SnapshotReader } from "../../lib/snapshot-reader.ts";
import { queryRows } from "../../lib/duckdb.ts";
import { TEST_TODAY, tempDir, E_MARCHESPUBLICS_CONTRACTS } from "../helpers/samples-db.ts";

const dir = tempDir();
const dbPath = join(dir, "observatory.duckdb");
const file = (name: string) => join(SAMPLES_DIR, name);
let reader: SnapshotReader;

beforeAll(async () => {
  const first = await runEtl({
    inputs: [file("real-v1-e-marchespublics-2019-04.json")],
    dbPath,
    today: TEST_TODAY,
  });
  expect(first.status).toBe("ok");
  reader = new SnapshotReader(dbPath);
});
afterAll(() => {
  reader.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("SnapshotReader", () => {
  it("answers every query during a refresh and its swap, each from one whole snapshot", async () => {
    const before = await reader.info();
    expect(before.contracts).toBe(E_MARCHESPUBLICS_CONTRACTS);
    let stop = false;
    const failures: string[] = [];
    const seen = new Set<string>();
    const client = async () => {
      while (!stop) {
        try {
          await reader.use(async (connection, info) => {
            const [row] = await queryRows(connection, "SELECT count(*) AS n FROM contracts");
            // the count read must belong to the snapshot the query was given
            if (Number(row.n) !== info.contracts)
              failures.push(`mix: ${row.n} vs ${info.contracts}`);
            seen.add(String(info.runId));
          });
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    };
    const clients = Array.from({ length: 4 }, client);
    const swap = await runEtl({
      inputs: [file("real-v1-pes-dgfip-2019-04.json")],
      dbPath,
      today: TEST_TODAY,
    });
    expect(swap.status).toBe("ok");
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop = true;
    await Promise.all(clients);
    expect(failures).toEqual([]);
    const after = await reader.info();
    expect(after.runId).toBe(swap.run_id);
    expect(after.contracts).toBe(1140);
    expect(seen).toEqual(new Set([before.runId, swap.run_id]));
  });
});
