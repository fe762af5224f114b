// The ETL's memory bounds on real runs (etl/formats/input-limits.ts): a record over the size
// limit is rejected with its reason and the run goes on, on the main thread and in the worker
// threads alike, in JSON and in XML (etl/formats/xml-record-gate.ts); a gzip stream that expands past its limit fails the source with that reason, and
// a gzip bomb of zeros is never reported as an empty file.
// @module-tag slow
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { runEtl, SAMPLES_DIR } from "../../etl/pipeline.ts";
import { openDatabase, queryRows } from "../../lib/duckdb.ts";
import { TEST_TODAY, tempDir } from "../helpers/samples-db.ts";
import { fixture } from "../helpers/fixtures.ts";

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MB = 2 ** 20;
const sample = JSON.parse(
  readFileSync(join(SAMPLES_DIR, "real-v1-e-marchespublics-2019-04.json"), "utf8"),
) as { marches: Record<string, unknown>[] };

describe("a record over the size limit", () => {
  const records = sample.marches.slice(0, 5);
  const huge = { ...records[2], commentaire: "x".repeat(3 * MB) };
  const file = join(dir, "huge-record.json");
  writeFileSync(
    file,
    JSON.stringify({ marches: [...records.slice(0, 2), huge, ...records.slice(3)] }),
  );
  const size = Buffer.byteLength(JSON.stringify(huge));

  it.each([
    ["on the main thread", Number.MAX_SAFE_INTEGER],
    ["in the worker threads", 0],
  ])("is rejected with its size, and the others load (%s)", async (_where, parallelMinBytes) => {
    const dbPath = join(dir, `huge-${parallelMinBytes}.duckdb`);
    const report = await runEtl({
      inputs: [file],
      dbPath,
      today: TEST_TODAY,
      parallelMinBytes,
      inputLimits: { maxRecordBytes: MB },
    });
    expect(report.status).toBe("ok");
    expect(report.sources[0]).toMatchObject({ records_read: 5, rejected: 1 });
    const db = await openDatabase(dbPath, { readOnly: true });
    try {
      const rejects = await queryRows(
        db.connection,
        "SELECT position, reason, length(raw) AS kept, raw FROM rejects",
      );
      expect(rejects).toHaveLength(1);
      expect(rejects[0]?.position).toBe(2);
      expect(rejects[0]?.reason).toBe(
        `record too large: ${size} bytes, over the limit of ${MB} bytes (OBSERVATORY_MAX_RECORD_MB)`,
      );
      expect(Number(rejects[0]?.kept)).toBeLessThanOrEqual(2000);
      expect(String(rejects[0]?.raw)).toMatch(/^\{"/);
      const [loaded] = await queryRows(db.connection, "SELECT count(*) AS n FROM contracts");
      expect(Number(loaded?.n)).toBe(report.sources[0]?.loaded);
      expect(Number(loaded?.n)).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});

describe("an XML record over the size limit", () => {
  // The official 2.0.0 package's records (2 concessions, 2 marchés), then a marché of 3 MB (accents
  // and line breaks in its objet, a comment holding "</marche>"), then the same records again
  // under other ids.
  const paquet = readFileSync(fixture("official-v2.0.0-example-paquet.xml"), "utf8");
  const body = paquet.slice(
    paquet.indexOf(">", paquet.indexOf("<marches")) + 1,
    paquet.lastIndexOf("</marches>"),
  );
  const again = body.replace(/(<(?:marche|contrat-concession)>\s*<id>)([^<]*)/g, "$1$2-bis");
  const objet = "Entretien des espaces verts, lot n°3 — élagage\n".repeat(64 * 1024);
  const huge = `<marche>\n<id>huge-1</id><!-- not the end: </marche> -->\n<objet>${objet}</objet>\n</marche>`;
  const file = join(dir, "huge-record.xml");
  writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?>\n<marches>${body}    ${huge}\n${again}</marches>\n`,
  );
  const size = Buffer.byteLength(huge);

  it("is rejected with the file, its position and its size, and the others load", async () => {
    const dbPath = join(dir, "huge-xml.duckdb");
    const report = await runEtl({
      inputs: [file],
      dbPath,
      today: TEST_TODAY,
      inputLimits: { maxRecordBytes: MB },
    });
    expect(report.status).toBe("ok");
    expect(report.sources[0]).toMatchObject({ records_read: 9, rejected: 1, duplicates: 0 });
    const db = await openDatabase(dbPath, { readOnly: true });
    try {
      const rejects = await queryRows(
        db.connection,
        "SELECT source, position, reason, length(raw) AS kept, raw FROM rejects",
      );
      expect(rejects).toHaveLength(1);
      expect(rejects[0]).toMatchObject({ source: file, position: 4 });
      expect(rejects[0]?.reason).toBe(
        `record too large: ${size} bytes, over the limit of ${MB} bytes (OBSERVATORY_MAX_RECORD_MB)`,
      );
      expect(Number(rejects[0]?.kept)).toBeLessThanOrEqual(2000);
      expect(String(rejects[0]?.raw)).toMatch(/^<marche>\n<id>huge-1<\/id>/);
      const [ids] = await queryRows(
        db.connection,
        "SELECT count(*) FILTER (WHERE id LIKE '%-bis') AS after, count(*) AS n FROM contracts",
      );
      expect(Number(ids?.n)).toBe(4);
      expect(Number(ids?.after)).toBe(2);
    } finally {
      db.close();
    }
  });
});

describe("gzip data", () => {
  const bomb = join(dir, "zeros.json.gz");
  writeFileSync(bomb, gzipSync(Buffer.alloc(40 * MB)));

  it("fails with the limit when it expands past it", async () => {
    const valid = join(dir, "valid.json.gz");
    writeFileSync(valid, gzipSync(JSON.stringify(sample)));
    const limit = 100_000;
    const report = await runEtl({
      inputs: [valid],
      dbPath: join(dir, "gzip-limit.duckdb"),
      today: TEST_TODAY,
      inputLimits: { maxExpandedBytes: limit },
    });
    expect(report.status).toBe("failed");
    expect(report.error?.message).toContain(
      `the gzip data expands beyond ${limit} bytes, the limit (OBSERVATORY_MAX_EXPANDED_GB)`,
    );
  });

  it("that starts as DECP JSON then expands to 40 MB fails with the limit", async () => {
    const opening = Buffer.from('{"marches":[');
    const file = join(dir, "bomb.json.gz");
    writeFileSync(file, gzipSync(Buffer.concat([opening, Buffer.alloc(40 * MB, 0x20)])));
    const limit = 10 * MB;
    const report = await runEtl({
      inputs: [file],
      dbPath: join(dir, "bomb.duckdb"),
      today: TEST_TODAY,
      inputLimits: { maxExpandedBytes: limit },
    });
    expect(report.status).toBe("failed");
    expect(report.error?.message).toContain(`the gzip data expands beyond ${limit} bytes`);
  });

  it("of zeros is reported as what it is, never as an empty file", async () => {
    const report = await runEtl({
      inputs: [bomb],
      dbPath: join(dir, "zeros.duckdb"),
      today: TEST_TODAY,
    });
    expect(report.status).toBe("failed");
    expect(report.error?.message).toContain("neither JSON, XML, Parquet nor CSV");
    expect(report.error?.message).not.toContain("empty");
  });
});
