// The XML reader's record-size limit (etl/formats/xml-record-gate.ts) read through the real reader
// from real files, in chunks of every size from 1 byte: an oversized record comes out in its place
// with its size, whatever hides in it (comments, CDATA, quoted ">" and "</marche>"), the records
// around it are read as without it, line numbers of later errors stay right, and an oversized
// record cut by the end of the file fails the file.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readXmlRecords } from "../../etl/formats/xml-reader.ts";
import { SourceFormatError, type SourceRecord } from "../../etl/formats/types.ts";

const tmp = mkdtempSync(join(tmpdir(), "xml-gate-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

async function read(path: string, maxRecordBytes: number, chunk?: number) {
  const records: SourceRecord[] = [];
  const options = { maxRecordBytes, ...(chunk === undefined ? {} : { highWaterMark: chunk }) };
  for await (const r of readXmlRecords(path, "test", undefined, options)) records.push(r);
  return records;
}

const good = (id: string) =>
  `<marche><id>${id}</id><objet attr="a > b">Élagage &amp; <![CDATA[<b>tonte</b>]]></objet></marche>`;
const big =
  '<marche kind="x/>"><id>big</id><!-- </marche> --><?pi </marche>?>' +
  `<objet><![CDATA[</marche>]]>${"é".repeat(300)}</objet><lots/></marche>`;
const header = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE marches [<!ENTITY e "x>">]>\n';
const document = `${header}<marches>\n  ${good("a")}\n  ${big}\n  ${good("b")}\n</marches>\n`;

describe("an XML record over the size limit", () => {
  const path = write("mixed.xml", document);

  it.each([1, 2, 3, 7, 64, 65536])(
    "comes out in its place with its size, the others whole (chunks of %i bytes)",
    async (chunk) => {
      const records = await read(path, 400, chunk);
      expect(records.map((r) => r.position)).toEqual([0, 1, 2]);
      expect(records.map((r) => r.tooLarge === undefined)).toEqual([true, false, true]);
      expect(records[1]).toMatchObject({
        kindHint: "marche",
        value: undefined,
        tooLarge: `record too large: ${Buffer.byteLength(big)} bytes, over the limit of 400 bytes (OBSERVATORY_MAX_RECORD_MB)`,
      });
      expect(big.startsWith(records[1]?.raw ?? "-")).toBe(true);
      const unlimited = await read(path, 10_000, chunk);
      expect(records[0]?.value).toEqual(unlimited[0]?.value);
      expect(records[2]?.value).toEqual(unlimited[2]?.value);
      expect(unlimited[2]?.value).toEqual({ id: "b", objet: "Élagage & <b>tonte</b>" });
    },
  );

  it("is read whole when within the limit", async () => {
    const records = await read(path, Buffer.byteLength(big));
    expect(records.every((r) => r.tooLarge === undefined)).toBe(true);
    expect(records[1]?.value).toMatchObject({ id: "big", lots: "" });
  });

  it("keeps the line numbers of a later error right", async () => {
    const spread = big.replaceAll("é", "é\n");
    const text = `${header}<marches>\n${spread}\n<marche><id>c</id></marche>\n<marche><oops></marche>\n</marches>`;
    const line = text.split("\n").findIndex((l) => l.includes("<oops>")) + 1;
    const failure = await read(write("later-error.xml", text), 400).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SourceFormatError);
    expect((failure as SourceFormatError).where).toMatch(new RegExp(`^line ${line},`));
  });

  it("as the root of a single-record file", async () => {
    const records = await read(write("single.xml", `${header}${big}\n`), 400, 5);
    expect(records).toHaveLength(1);
    expect(records[0]?.tooLarge).toMatch(/^record too large/);
  });

  it("cut by the end of the file fails it as truncated", async () => {
    const cut = document.slice(0, document.indexOf("<lots/>"));
    const failure = await read(write("cut.xml", cut), 400).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SourceFormatError);
    expect(String(failure)).toContain("truncated XML: <marche> is not closed");
  });
});
