// The streaming JSON splitter: same records whatever the chunk size, every container shape,
// and records that are not objects or not JSON still come out (to be rejected, not dropped).
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readJsonRecords } from "../../etl/formats/json-reader.ts";
import type { ContainerShape, SourceRecord } from "../../etl/formats/types.ts";
import { SAMPLES_DIR } from "../../etl/pipeline.ts";

async function readAll(
  input: Readable,
): Promise<{ records: SourceRecord[]; shape?: ContainerShape }> {
  let shape: ContainerShape | undefined;
  const records: SourceRecord[] = [];
  for await (const r of readJsonRecords(input, "test", (s) => (shape = s))) records.push(r);
  return { records, shape };
}

const fromText = (text: string, size = 3) => {
  const bytes = Buffer.from(text, "utf8");
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
};

describe("readJsonRecords", () => {
  it("gives the same records for 1-byte, 7-byte and 1 MB chunks of a real file", async () => {
    const path = join(SAMPLES_DIR, "real-v2-dematis-daily-2024-07-16.json");
    const big = await readAll(createReadStream(path, { highWaterMark: 1 << 20 }));
    const small = await readAll(createReadStream(path, { highWaterMark: 7 }));
    const tiny = await readAll(createReadStream(path, { highWaterMark: 1 }));
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

  it("reads a bare top-level array", async () => {
    const { records, shape } = await readAll(fromText('[{"id": "a"}, {"id": "b"}]'));
    expect(shape).toBe("json-array");
    expect(records.map((r) => r.position)).toEqual([0, 1]);
  });
});
