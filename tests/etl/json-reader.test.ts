// The streaming JSON splitter: same records whatever the chunk size, every container shape,
// and records that are not objects or not JSON still come out (to be rejected, not dropped).
import { createReadStream, readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readJsonRecordBytes, readJsonRecords } from "../../etl/formats/json-reader.ts";
import type { ContainerShape, SourceRecord } from "../../etl/formats/types.ts";
import { normaliseRecord } from "../../etl/normalise/record.ts";
import { TOO_DEEP_REASON } from "../../etl/formats/input-limits.ts";
import { SAMPLES_DIR } from "../../etl/pipeline.ts";

async function readAll(
  input: Readable,
): Promise<{ records: SourceRecord[]; shape?: ContainerShape }> {
  let shape: ContainerShape | undefined;
  const records: SourceRecord[] = [];
  for await (const r of readJsonRecords(input, "test", (s) => (shape = s))) records.push(r);
  return { records, shape };
}

/** `bytes` as a stream of `size`-byte chunks (the last one shorter). */
function inChunks(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

const fromText = (text: string, size = 3) => inChunks(Buffer.from(text, "utf8"), size);

describe("readJsonRecords", () => {
  it("gives the same records for 1-byte, 7-byte and 1 MB chunks of a real file", async () => {
    const path = join(SAMPLES_DIR, "real-v2-dematis-daily-2024-07-16.json");
    const big = await readAll(createReadStream(path, { highWaterMark: 1 << 20 }));
    // The small chunks are cut from the file's bytes in memory: the reader sees the same
    // chunks as from a stream of that size, without one read of the disk per byte (5 s).
    const bytes = readFileSync(path);
    const small = await readAll(inChunks(bytes, 7));
    const tiny = await readAll(inChunks(bytes, 1));
    expect(big.records).toHaveLength(159);
    expect(small.records).toEqual(big.records);
    expect(tiny.records).toEqual(big.records);
    expect(big.shape).toBe("json-object");
    expect(big.records.filter((r) => r.kindHint === "contrat-concession")).toHaveLength(1);
  });

  it("handles escapes, braces inside strings and multi-byte characters split across chunks", async () => {
    const text =
      '\ufeff{"$schema": "x", "marches": [{"objet": "a \\"}]\\" b é€", "id": 1}, {"id": 2}]}';
    const { records, shape } = await readAll(fromText(text, 1));
    expect(shape).toBe("json-array");
    expect(records.map((r) => r.value)).toEqual([{ objet: 'a "}]" b é€', id: 1 }, { id: 2 }]);
  });

  it("finds every escape when backslashes are rare and far apart in a large chunk", async () => {
    // The next backslash is looked up once and reused until passed: a string without one, a
    // string ending in an escaped backslash, and escaped quotes far apart must all be cut right.
    const records = Array.from({ length: 300 }, (_, i) => ({
      id: i,
      objet: i % 97 === 0 ? `ligne "${i}" \\ fin \\` : `objet ${i} sans échappement`,
      lieu: i % 151 === 0 ? "C:\\dossier\\" : "Paris",
    }));
    const text = JSON.stringify({ marches: records });
    for (const size of [text.length, 5]) {
      const read = await readAll(fromText(text, size));
      expect(read.records.map((r) => r.value)).toEqual(records);
    }
  });

  it("gives the records' bytes in batches, equal to the records' text", async () => {
    const path = join(SAMPLES_DIR, "real-v2-dematis-daily-2024-07-16.json");
    const texts = (await readAll(createReadStream(path))).records.map((r) => r.raw);
    const bytes: string[] = [];
    const positions: number[] = [];
    for await (const batch of readJsonRecordBytes(
      createReadStream(path, { highWaterMark: 4096 }),
      "test",
    )) {
      expect(batch.length).toBeGreaterThan(0);
      for (const record of batch) {
        bytes.push(record.bytes.toString("utf8"));
        positions.push(record.position);
      }
    }
    expect(bytes).toEqual(texts);
    expect(positions).toEqual(texts.map((_, i) => i));
  });

  it("yields non-object and unparsable records with their text, and repairs NaN", async () => {
    const text = '{"marches": [null, "text", {"id": 1, "montant": NaN}, {"id": 2, "x": tru}]}';
    const { records } = await readAll(fromText(text));
    expect(records.map((r) => r.raw)).toEqual([
      "null",
      '"text"',
      '{"id": 1, "montant": NaN}',
      '{"id": 2, "x": tru}',
    ]);
    expect(records[2]).toMatchObject({
      value: { id: 1, montant: null },
      nonStandardLiterals: ["montant"],
    });
    expect(records[3].parseError).toMatch(/JSON/);
  });

  it("reads the records of an array under an unknown key of the 2024 container, kind unknown", async () => {
    // A misspelt "contrats-concession": its records were never read nor counted.
    const concession = {
      id: "C1",
      autoriteConcedante: { id: "21350238800019" },
      objet: "Délégation du stationnement",
      dateSignature: "2024-03-01",
      datePublicationDonnees: "2024-03-10",
      valeurGlobale: 1_200_000,
      concessionnaires: [{ concessionnaire: { id: "13002793100018", typeIdentifiant: "SIRET" } }],
    };
    const text = JSON.stringify({
      marches: { marche: [{ id: "M1" }], "contrats-concession": [concession], version: "2.0" },
    });
    const { records, shape } = await readAll(fromText(text, 5));
    expect(shape).toBe("json-object");
    expect(records.map((r) => [r.kindHint, r.value])).toEqual([
      ["marche", { id: "M1" }],
      [null, concession],
    ]);
    // Its kind comes from its fields, as for an unknown element of an XML file.
    const normalised = normaliseRecord(records[1], "json-object", new Date("2024-06-01"));
    expect(normalised.type).toBe("concession");
  });

  it("reads a record given alone under a key of the 2024 container, not in an array", async () => {
    // {"contrat-concession": {…}}: the concession was neither read nor counted, the run ok.
    const one = { id: "C1", autoriteConcedante: { id: "21350238800019" } };
    const text = JSON.stringify({
      marches: { marche: [{ id: "M1" }], "contrat-concession": one, "contrats-concession": one },
    });
    const { records, shape } = await readAll(fromText(text, 6));
    expect(shape).toBe("json-object");
    expect(records.map((r) => [r.kindHint, r.value])).toEqual([
      ["marche", { id: "M1" }],
      ["contrat-concession", one],
      [null, one],
    ]);
  });

  it("reads a record nested 100 000 deep, which the normaliser rejects with its reason", async () => {
    // It ended the run with « Maximum call stack size exceeded » and no record named.
    const depth = 100_000;
    const nested = `${"[".repeat(depth)}${"]".repeat(depth)}`;
    const text = `{"marches": [{"id": "1", "acheteur": {"id": "21350238800019"}, "objet": ${nested}}]}`;
    const { records } = await readAll(fromText(text, 4096));
    expect(records).toHaveLength(1);
    const normalised = normaliseRecord(records[0], "json-array", new Date("2024-06-01"));
    expect(normalised).toEqual({ type: "reject", kind: null, reason: TOO_DEEP_REASON });
  });

  it("reads a bare top-level array", async () => {
    const { records, shape } = await readAll(fromText('[{"id": "a"}, {"id": "b"}]'));
    expect(shape).toBe("json-array");
    expect(records.map((r) => r.position)).toEqual([0, 1]);
  });
});
