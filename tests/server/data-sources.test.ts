// GET /api/data-sources on real snapshots: the shipped samples (the default data), and a mix of
// a sample, an official example and an edited copy of a sample, which is not the samples only.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTestInput } from "../helpers/etl-cache.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

interface Range {
  first: string;
  last: string;
}
interface Source {
  source: string;
  format: string | null;
  synthetic: boolean;
  shipped_sample: boolean;
  producer: string | null;
  platform: string | null;
  buyers: string | null;
  contracts: number;
  concessions: number;
  notification_dates: Range | null;
  publication_dates: Range | null;
}
interface Producer {
  producer: string;
  platform: string;
  files: number;
  contracts: number;
  concessions: number;
  notification_dates: Range | null;
  publication_dates: Range | null;
}
interface Body {
  snapshot_id: string;
  samples_only: boolean;
  sources: Source[];
  producers: Producer[];
}

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PRODUCERS = JSON.parse(readFileSync(join(ROOT, "data/sample-producers.json"), "utf8")) as {
  files: Record<string, { producer: string; platform: string; buyers: string }>;
};
const DAILY = "real-v2-dematis-daily-*.json";

/** The entry of data/sample-producers.json a shipped file belongs to (the daily files share one). */
function entryOf(file: string) {
  const key = PRODUCERS.files[file] ? file : file.startsWith("real-v2-dematis-daily-") ? DAILY : "";
  const entry = PRODUCERS.files[key];
  if (!entry) throw new Error(`no producer listed for ${file}`);
  return entry;
}

/** What the snapshot file itself says of each source (a separate DuckDB reads it). */
async function truthOf(dbPath: string) {
  const rows = await queryFile(
    dbPath,
    `WITH runs_latest AS (SELECT run_id FROM runs ORDER BY finished_at DESC LIMIT 1)
     SELECT s.source,
       (SELECT count(*) FROM contracts c WHERE c.source = s.source) AS contracts,
       (SELECT count(*) FROM concessions k WHERE k.source = s.source) AS concessions,
       (SELECT strftime(min(d), '%Y-%m-%d') FROM (
          SELECT date_notification AS d FROM contracts WHERE source = s.source
          UNION ALL SELECT date_signature FROM concessions WHERE source = s.source)) AS nf,
       (SELECT strftime(max(d), '%Y-%m-%d') FROM (
          SELECT date_notification AS d FROM contracts WHERE source = s.source
          UNION ALL SELECT date_signature FROM concessions WHERE source = s.source)) AS nl,
       (SELECT strftime(min(d), '%Y-%m-%d') FROM (
          SELECT date_publication_donnees AS d FROM contracts WHERE source = s.source
          UNION ALL SELECT date_publication_donnees FROM concessions WHERE source = s.source)) AS pf,
       (SELECT strftime(max(d), '%Y-%m-%d') FROM (
          SELECT date_publication_donnees AS d FROM contracts WHERE source = s.source
          UNION ALL SELECT date_publication_donnees FROM concessions WHERE source = s.source)) AS pl
     FROM run_sources s WHERE s.run_id = (SELECT run_id FROM runs_latest) ORDER BY s.source`,
  );
  return rows.map((r) => ({
    source: String(r.source),
    contracts: Number(r.contracts),
    concessions: Number(r.concessions),
    notification_dates: r.nf === null ? null : { first: String(r.nf), last: String(r.nl) },
    publication_dates: r.pf === null ? null : { first: String(r.pf), last: String(r.pl) },
  }));
}

describe("GET /api/data-sources, default data (the shipped samples)", () => {
  let t: TestServer;
  let body: Body;
  beforeAll(async () => {
    t = await startTestServer();
    body = await t.json<Body>("/api/data-sources");
  });
  afterAll(() => t?.close());

  it("says the snapshot is the shipped samples only, each with its producer", async () => {
    expect(body.samples_only).toBe(true);
    const shipped = readdirSync(join(ROOT, "data/samples")).filter((f) =>
      /\.(json|xml|csv|parquet)$/.test(f),
    );
    expect(body.sources.map((s) => basename(s.source)).sort()).toEqual(shipped.sort());
    for (const s of body.sources) {
      const entry = entryOf(basename(s.source));
      expect(s, s.source).toMatchObject({
        shipped_sample: true,
        synthetic: false,
        producer: entry.producer,
        platform: entry.platform,
        buyers: entry.buyers,
      });
    }
  });

  it("gives each source's counts and dates as the snapshot holds them", async () => {
    const truth = await truthOf(t.dbPath);
    expect(body.sources.map((s) => s.source)).toEqual(truth.map((r) => r.source));
    body.sources.forEach((s, i) => {
      expect(s, s.source).toMatchObject(truth[i] ?? {});
    });
    const health = await t.json<{ snapshot: { contracts: number; concessions: number } }>(
      "/api/health",
    );
    const sum = (key: "contracts" | "concessions") =>
      body.sources.reduce((total, s) => total + s[key], 0);
    expect(sum("contracts")).toBe(health.snapshot.contracts);
    expect(sum("concessions")).toBe(health.snapshot.concessions);
    // The 2024 samples were published in July (Dematis) and December (data.economie.gouv.fr's
    // 2022-format extract; decp.info's extract carries no publication date): what the notice says.
    const lastPublished = body.sources.map((s) => s.publication_dates?.last.slice(0, 7));
    expect(new Set(lastPublished.filter((m) => m?.startsWith("2024")))).toEqual(
      new Set(["2024-07", "2024-12"]),
    );
    expect(lastPublished.some((m) => m?.startsWith("2019"))).toBe(true);
  });

  it("groups the samples by producer, every file counted once", () => {
    const producers = new Set(body.sources.map((s) => s.producer));
    expect(body.producers.map((p) => p.producer)).toEqual([...producers]);
    expect(body.producers.reduce((n, p) => n + p.files, 0)).toBe(body.sources.length);
    const daily = body.producers.find((p) => p.producer === PRODUCERS.files[DAILY]?.producer);
    const dailySources = body.sources.filter((s) =>
      basename(s.source).startsWith("real-v2-dematis-daily-"),
    );
    expect(daily?.files).toBe(dailySources.length);
    expect(daily?.contracts).toBe(dailySources.reduce((n, s) => n + s.contracts, 0));
    const firsts = dailySources.flatMap((s) => s.notification_dates?.first ?? []).sort();
    const lasts = dailySources.flatMap((s) => s.publication_dates?.last ?? []).sort();
    expect(daily?.notification_dates?.first).toBe(firsts[0]);
    expect(daily?.publication_dates?.last).toBe(lasts.at(-1));
  });

  it("matches its OpenAPI schema and refuses unknown parameters", async () => {
    type Doc = {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, object> };
    };
    const doc = await t.json<Doc>("/api/openapi.json");
    expect(Object.keys(doc.paths)).toContain("/api/data-sources");
    const validate = new Ajv({ strict: false, allErrors: true }).compile(
      doc.components.schemas.DataSources ?? {},
    );
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    const response = await t.get("/api/data-sources?producer=x");
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe("producer");
  });
});

describe("GET /api/data-sources, a snapshot that is not only the samples", () => {
  let t: TestServer;
  const sample = join(ROOT, "data/samples/real-v1-e-marchespublics-2019-04.json");
  const example = join(ROOT, "tests/fixtures/decp/official-v2.0.0-example-paquet.json");
  const edited = "real-v1-pes-dgfip-single-file-with-schema-key.json";
  beforeAll(async () => {
    // Same name as a shipped sample, other bytes: not the file the samples notice describes.
    const copy = writeTestInput(
      `data-sources/${edited}`,
      `${readFileSync(join(ROOT, "data/samples", edited), "utf8")}\n`,
    );
    t = await startTestServer({ inputs: [sample, example, copy] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("names the producer of the shipped sample only, and says it is not the samples only", async () => {
    const body = await t.json<Body>("/api/data-sources");
    expect(body.samples_only).toBe(false);
    const byFile = new Map(body.sources.map((s) => [basename(s.source), s]));
    expect([...byFile.keys()].sort()).toEqual([basename(sample), basename(example), edited].sort());
    expect(byFile.get(basename(sample))).toMatchObject({
      shipped_sample: true,
      producer: entryOf(basename(sample)).producer,
    });
    for (const other of [basename(example), edited]) {
      expect(byFile.get(other), other).toMatchObject({
        shipped_sample: false,
        producer: null,
        platform: null,
        buyers: null,
      });
    }
    expect(byFile.get(edited)?.contracts).toBe(1);
    expect(body.producers.map((p) => p.producer)).toEqual([entryOf(basename(sample)).producer]);
  });
});
