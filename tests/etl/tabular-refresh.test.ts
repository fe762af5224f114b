// A tabular source declared in the config, fetched by the scheduled refresh from a real HTTP server
// on 127.0.0.1 that answers as data.gouv.fr does: the consolidated tabular dataset (its Parquet
// resource chosen among others), then a conditional GET answered 304 (nothing rebuilt), then a
// new file swapped in. And a producer named by its code in the reference list: its JSON files
// taken, its other resources left.
// @module-tag slow
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEtl, SAMPLES_DIR } from "../../etl/pipeline.ts";
import { parseConfig } from "../../etl/refresh/config.ts";
import { refresh } from "../../etl/refresh/refresh.ts";
import { childProcessRunner, RefreshService } from "../../etl/refresh/service.ts";
import { readRuns } from "../../etl/load/run-history.ts";
import { openDatabase, queryRows } from "../../lib/duckdb.ts";
import { decpInfoRows, type Row } from "../../bench/generator/decp-info-rows.ts";
import { writeTabular } from "../../bench/generator/write-tabular.ts";
import { startDatagouvServer, type DatagouvServer } from "../helpers/datagouv-server.ts";
import { countRecords } from "../helpers/count-records.ts";
import { TEST_TODAY, servedSnapshot, tempDir } from "../helpers/samples-db.ts";

const TABULAR = "608c055b35eb4e6ee20eb325"; // decp.info's consolidated tabular DECP
const MEGALIS = "65f18014e9923e9e71f5f258"; // Mégalis Bretagne, code megalis_bretagne
const dir = tempDir();
let server: DatagouvServer;

/**
 * A real daily file of the 2024 format, as decp.info's Parquet; and the marchés the same file gives
 * through the JSON path (its lots apart, its republications once), which the Parquet must give too.
 */
async function parquetOf(sample: string): Promise<{ bytes: Buffer; contracts: number }> {
  const data = JSON.parse(readFileSync(join(SAMPLES_DIR, sample), "utf8")) as {
    marches: { marche: Record<string, unknown>[] };
  };
  const rows: Row[] = data.marches.marche.flatMap((r) => decpInfoRows(r));
  const path = join(dir, `${sample}.parquet`);
  await writeTabular([rows], path, "parquet");
  const json = await runEtl({
    inputs: [join(SAMPLES_DIR, sample)],
    dbPath: join(dir, `${sample}.duckdb`),
    today: TEST_TODAY,
  });
  expect(json.status).toBe("ok");
  // At least one contract per distinct uid: lots published under one id count apart.
  expect(json.contracts).toBeGreaterThanOrEqual(new Set(rows.map((r) => r.uid)).size);
  return { bytes: readFileSync(path), contracts: json.contracts };
}

let first: { bytes: Buffer; contracts: number };
let second: { bytes: Buffer; contracts: number };
const PRODUCER_FILE = "real-v2-dematis-daily-2024-07-12.json";

beforeAll(async () => {
  first = await parquetOf("real-v2-dematis-daily-2024-07-16.json");
  second = await parquetOf("real-v2-dematis-daily-2024-07-17.json");
  server = await startDatagouvServer(
    {
      [TABULAR]: [
        { id: "decp-csv", title: "decp.csv", format: "csv", file: "decp.csv" },
        { id: "decp-parquet", title: "decp.parquet", format: "parquet", file: "decp.parquet" },
        {
          id: "doublons",
          title: "statistiques_doublons_sources.parquet",
          format: "parquet",
          file: "doublons.parquet",
        },
      ],
      [MEGALIS]: [
        { id: "daily", title: "decp-megalis.json", format: "json", file: "megalis.json" },
        { id: "notice", title: "notice.pdf", format: "pdf", file: "notice.pdf" },
      ],
    },
    {
      "decp.parquet": first.bytes,
      "decp.csv": Buffer.from("not the chosen resource\n"),
      "doublons.parquet": Buffer.from("not the chosen resource either"),
      "megalis.json": readFileSync(join(SAMPLES_DIR, PRODUCER_FILE)),
      "notice.pdf": Buffer.from("%PDF-1.4"),
    },
  );
}, 120_000);
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const DOWNLOAD = { timeoutSeconds: 20, idleTimeoutSeconds: 10, retries: 0, retryDelaySeconds: 0 };

describe("the consolidated tabular DECP, on the refresh schedule", () => {
  const dbPath = join(dir, "tabular.duckdb");
  const configPath = join(dir, "config.json");
  let service: RefreshService;

  beforeAll(() => {
    const text = JSON.stringify({
      schedule: { enabled: true, cron: "0 6 * * *", timezone: "Europe/Paris" },
      datagouvApi: server.api,
      download: DOWNLOAD,
      // One daily file replaces another: the shrink guard (its own tests) would refuse the drop.
      maxContractDrop: 1,
      sources: [
        {
          id: "decp-tabulaire",
          datagouv: { dataset: TABULAR, resourceFormats: ["parquet"], match: "^decp\\.parquet$" },
          format: "parquet",
        },
      ],
    });
    writeFileSync(configPath, text);
    // The service as the server runs it: each refresh in a child process (etl/cli.ts --refresh).
    service = new RefreshService(
      parseConfig(text, configPath),
      childProcessRunner(configPath, dbPath, () => {}),
    );
  });

  it("fetches the Parquet resource only and swaps in a snapshot of its contracts", async () => {
    const outcome = await service.trigger("schedule").done;
    expect(outcome.status, JSON.stringify(outcome.error)).toBe("ok");
    const fetched = server.requests.filter((r) => r.path.startsWith("/files/")).map((r) => r.path);
    expect(fetched).toEqual(["/files/decp.parquet"]);
    expect((await servedSnapshot(dbPath)).contracts).toBe(first.contracts);
    const [run] = readRuns<{ trigger: string; sources: { tabular?: Record<string, unknown> }[] }>(
      dbPath,
    ).slice(-1);
    expect(run.trigger).toBe("schedule");
    expect(run.sources[0].tabular).toMatchObject({ container: "Parquet", dialect: "decp-info" });
  }, 120_000);

  it("asks again with a conditional GET: 304, nothing rebuilt", async () => {
    const before = await servedSnapshot(dbPath);
    const outcome = await service.trigger("schedule").done;
    expect(outcome.status).toBe("unchanged");
    expect(server.requests.at(-1)).toMatchObject({
      path: "/files/decp.parquet",
      status: 304,
      conditional: true,
    });
    expect(await servedSnapshot(dbPath)).toEqual(before);
  }, 120_000);

  it("swaps in the new file when the feed publishes one", async () => {
    const before = await servedSnapshot(dbPath);
    server.files.set("decp.parquet", second.bytes);
    const outcome = await service.trigger("schedule").done;
    expect(outcome.status).toBe("ok");
    const now = await servedSnapshot(dbPath);
    expect(now.contracts).toBe(second.contracts);
    expect(now.run).not.toBe(before.run);
    await service.stop();
  }, 120_000);
});

describe("a producer of the reference list, named by its code", () => {
  it("takes the producer's JSON resource, leaves the others, and loads it", async () => {
    const dbPath = join(dir, "producer.duckdb");
    const config = parseConfig(
      JSON.stringify({
        datagouvApi: server.api,
        download: DOWNLOAD,
        sources: [{ id: "megalis-bretagne", producer: "megalis_bretagne" }],
      }),
      "config.json",
    );
    const report = await refresh({ config, dbPath, trigger: "manual", today: TEST_TODAY });
    expect(report.status).toBe("ok");
    expect(server.requests.some((r) => r.path === "/files/notice.pdf")).toBe(false);
    const db = await openDatabase(dbPath, { readOnly: true });
    const [row] = await queryRows(db.connection, "SELECT sum(records_read) AS n FROM run_sources");
    db.close();
    expect(row.n).toBe(countRecords(join(SAMPLES_DIR, PRODUCER_FILE)));
  }, 120_000);

  it("refuses, naming it, a producer the reference list does not have", () => {
    expect(() =>
      parseConfig(JSON.stringify({ sources: [{ id: "x", producer: "nulle_part" }] }), "c.json"),
    ).toThrow(/sources\.0\.producer: "nulle_part" is neither a code nor an id/);
  });
});
