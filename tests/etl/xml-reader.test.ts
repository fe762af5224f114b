import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_RECORD_DEPTH, TOO_DEEP_REASON } from "../../etl/formats/input-limits.ts";
import { readXmlRecords } from "../../etl/formats/xml-reader.ts";
import { normaliseRecord } from "../../etl/normalise/record.ts";
import { FIXTURES_DIR } from "../helpers/fixtures.ts";
import {
  SourceFormatError,
  type ContainerShape,
  type SourceRecord,
} from "../../etl/formats/types.ts";

const samples = FIXTURES_DIR;
const tmp = mkdtempSync(join(tmpdir(), "xml-reader-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function readAll(
  path: string,
  options?: { highWaterMark?: number },
): Promise<{ records: SourceRecord[]; shapes: ContainerShape[] }> {
  const records: SourceRecord[] = [];
  const shapes: ContainerShape[] = [];
  for await (const r of readXmlRecords(path, "test", (s) => shapes.push(s), options))
    records.push(r);
  return { records, shapes };
}

function tempFile(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

/** Kinds of the record opening tags, counted from the text independently of the reader
 *  (`<marche` followed by a space, `>` or `/`, so `<marches>` and closing tags are not counted). */
function kindsInText(text: string): string[] {
  return [...text.matchAll(/<(marche|contrat-concession)[\s>/]/g)].map((m) => m[1]);
}

/** Reads the file expecting a SourceFormatError; returns it with the records yielded before it. */
async function readUntilError(
  path: string,
  source: string,
): Promise<{ error: SourceFormatError; records: SourceRecord[] }> {
  const records: SourceRecord[] = [];
  try {
    for await (const r of readXmlRecords(path, source)) records.push(r);
  } catch (error) {
    expect(error).toBeInstanceOf(SourceFormatError);
    return { error: error as SourceFormatError, records };
  }
  throw new Error("expected a SourceFormatError");
}

const files: [string, ContainerShape][] = [
  ["official-v1.5-example-mar-avec-modifications.xml", "xml-single"],
  ["official-v1.5-example-cc-avec-modifications.xml", "xml-single"],
  ["official-v1.5-example-paquet.xml", "xml-list"],
  ["official-v2.0.0-example-paquet.xml", "xml-list"],
  ["official-v2.0.x-example-Marche.xml", "xml-list"],
  ["official-v2.0.x-example-Contrat-concession.xml", "xml-list"],
  ["official-v2.0.x-example-Contrat-concession-modification.xml", "xml-list"],
  ["real-hybrid-v1v2-2024-single-record.xml", "xml-list"],
];

describe("readXmlRecords on the sample files", () => {
  it.each(files)("%s: record count, kinds, positions and shape", async (file, shape) => {
    const path = join(samples, file);
    const { records, shapes } = await readAll(path);
    const expected = kindsInText(readFileSync(path, "utf8"));
    expect(expected.length).toBeGreaterThan(0);
    expect(records.map((r) => r.kindHint)).toEqual(expected);
    expect(records.map((r) => r.position)).toEqual(expected.map((_, i) => i));
    expect(shapes).toEqual([shape]);
    for (const r of records) expect(JSON.parse(r.raw)).toEqual(r.value);
  });

  it("builds the tree of the v1.5 marché with modifications", async () => {
    const { records } = await readAll(
      join(samples, "official-v1.5-example-mar-avec-modifications.xml"),
    );
    expect(records).toHaveLength(1);
    const value = records[0].value as Record<string, unknown>;
    expect(value.id).toBe("2010345211203");
    expect(value.acheteur).toEqual({ id: "21350238800019", nom: "Ville de Rennes" });
    expect(value.montant).toBe("127000");
    expect(value.titulaires).toEqual({
      titulaire: [
        { typeIdentifiant: "SIRET", id: "81223113200026", denominationSociale: "Garami SARL" },
        { typeIdentifiant: "TVA", id: "DE814864138", denominationSociale: "Hellman Gmbh" },
      ],
    });
    const modifications = (value.modifications as { modification: Record<string, unknown>[] })
      .modification;
    expect(modifications).toHaveLength(3);
    expect(modifications[1]).toEqual({
      objetModification: "Changement de durée : allongement du marché.",
      datePublicationDonneesModification: "2008-11-17",
      dateNotificationModification: "2008-11-02",
      dureeMois: "30",
    });
    expect(modifications[2].titulaires).toEqual({
      titulaire: [
        { typeIdentifiant: "SIRET", id: "81223113200026", denominationSociale: "Garami SARL" },
        { typeIdentifiant: "SIRET", id: "87845484200015", denominationSociale: "Jullié SA" },
      ],
    });
    // Attributes of the root (xmlns:xsi, xsi:noNamespaceSchemaLocation) are not part of the tree.
    expect(Object.keys(value)).not.toContain("xmlns:xsi");
  });

  it("trims text and turns whitespace-only elements into '' (real hybrid file)", async () => {
    const { records } = await readAll(join(samples, "real-hybrid-v1v2-2024-single-record.xml"));
    const value = records[0].value as Record<string, unknown>;
    expect(value.acheteur).toEqual({
      id: "20007067000019",
      nom: "CC DU PAYS DE DOL ET DE LA BAIE DU MONT SAINT-MICHEL",
    });
    for (const key of [
      "marcheInnovant",
      "techniques",
      "ccag",
      "offresRecues",
      "attributionAvance",
    ]) {
      expect(value[key]).toBe("");
    }
    // A single titulaire stays an object, not a one-element array.
    expect(value.titulaires).toEqual({
      titulaire: {
        typeIdentifiant: "SIRET",
        id: "50327243700032",
        denominationSociale: "SCIC ENERGIES RENOUVELABLES PAYS DE RANCE",
      },
    });
  });

  it.each([1, 7, 100])("gives the same records when read in %i-byte chunks", async (hwm) => {
    for (const file of [
      "official-v1.5-example-mar-avec-modifications.xml",
      "official-v2.0.0-example-paquet.xml",
    ]) {
      const path = join(samples, file);
      const whole = await readAll(path);
      const chunked = await readAll(path, { highWaterMark: hwm });
      expect(chunked).toEqual(whole);
    }
  });

  it("accepts a UTF-8 BOM", async () => {
    const original = join(samples, "official-v1.5-example-paquet.xml");
    const path = tempFile(
      "bom.xml",
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(original)]),
    );
    expect(await readAll(path)).toEqual(await readAll(original));
  });
});

describe("readXmlRecords on hand-written XML", () => {
  it("yields unknown children of <marches> with kindHint null, strips prefixes, decodes entities and CDATA", async () => {
    const path = tempFile(
      "mixed.xml",
      `<d:marches xmlns:d="urn:x"><d:contrat-concession><d:objet> A &amp; B <![CDATA[<C>]]> </d:objet>` +
        `<vide/></d:contrat-concession><autre><x>1</x></autre><marche>texte</marche></d:marches>`,
    );
    const { records, shapes } = await readAll(path);
    expect(shapes).toEqual(["xml-list"]);
    expect(records.map((r) => [r.position, r.kindHint, r.value])).toEqual([
      [0, "contrat-concession", { objet: "A & B <C>", vide: "" }],
      [1, null, { x: "1" }],
      [2, "marche", "texte"],
    ]);
  });
});

describe("readXmlRecords on malformed files", () => {
  it("fails on a truncated file, after yielding the records completed before the cut", async () => {
    const text = readFileSync(join(samples, "official-v1.5-example-paquet.xml"), "utf8");
    const cut = text.slice(0, Math.floor(text.length / 2));
    const path = tempFile("truncated.xml", cut);
    const { error, records } = await readUntilError(path, "cut-source");
    expect(error.message).toContain("cut-source");
    expect(error.message).toContain("end of file");
    expect(error.message).toMatch(
      /truncated XML: <(marche|contrat-concession)> opened at line \d+ is not closed/,
    );
    const completed = cut.match(/<\/(marche|contrat-concession)>/g) ?? [];
    expect(records).toHaveLength(completed.length);
  });

  it("fails on a syntax error with its line and column", async () => {
    const path = tempFile(
      "syntax.xml",
      "<marches>\n<marche><id>1</id></marche>\n<marche><id>2</i></marche>\n</marches>",
    );
    const { error, records } = await readUntilError(path, "bad-source");
    expect(error.message).toMatch(/^bad-source: malformed XML: .+ \(line 3, column \d+\)$/);
    expect(records).toHaveLength(1);
  });

  it("fails on an empty file", async () => {
    const { error } = await readUntilError(tempFile("empty.xml", ""), "empty-source");
    expect(error.message).toContain("empty-source");
    expect(error.where).toBe("end of file");
  });

  it("fails on a root that is not a DECP root", async () => {
    const { error } = await readUntilError(tempFile("foo.xml", "<foo/>"), "foo-source");
    expect(error.message).toContain("foo-source");
    expect(error.message).toContain("<foo> is not a DECP root");
    expect(error.where).toMatch(/^line 1, column \d+$/);
  });

  it("fails on bytes that are not UTF-8", async () => {
    const path = tempFile(
      "latin1.xml",
      Buffer.from("<marche><objet>caf\xe9</objet></marche>", "latin1"),
    );
    const { error } = await readUntilError(path, "latin1-source");
    expect(error.message).toContain("not valid UTF-8");
  });

  it("places the first byte that is not UTF-8 on its own line, not where the parser was", async () => {
    // Six lines, the bad byte on the fifth: the message said « after line 1 ».
    const text = Buffer.concat([
      Buffer.from(
        "<marches>\n<marche>\n<id>1</id>\n<acheteur><id>1</id></acheteur>\n<objet>caf",
        "utf8",
      ),
      Buffer.of(0xe9),
      Buffer.from("</objet>\n</marche></marches>\n", "utf8"),
    ]);
    const { error } = await readUntilError(tempFile("bad-byte.xml", text), "bad-byte");
    expect(error.message).toContain("not valid UTF-8");
    expect(error.where).toBe("line 5, byte 0xE9");
    // Lines ended by a carriage return alone, as old Mac tools write them: still line 5.
    const cr = Buffer.from(text.toString("latin1").replace(/\n/g, "\r"), "latin1");
    const old = await readUntilError(tempFile("bad-byte-cr.xml", cr), "bad-byte-cr");
    expect(old.error.where).toBe("line 5, byte 0xE9");
  });

  it("rejects alone a record whose elements nest thousands deep, as a JSON one, and reads the next", async () => {
    // It failed the whole source, losing the records after it, where a JSON record as deep is
    // rejected alone (json-reader.test.ts).
    const depth = 100_000;
    const text = `<marches>\n<marche><id>1</id></marche>\n<marche><id>2</id>${"<a>".repeat(depth)}x${"</a>".repeat(depth)}</marche>\n<marche><id>3</id></marche>\n</marches>`;
    const { records } = await readAll(tempFile("deep.xml", text));
    expect(records.map((r) => [r.position, r.tooDeep ?? false])).toEqual([
      [0, false],
      [1, true],
      [2, false],
    ]);
    const [, deep, after] = records;
    expect(deep.value).toBeUndefined();
    // What was built of it is kept for the reject table: its id, then elements down to the limit.
    expect(deep.raw.startsWith('{"id":"2","a":{"a":')).toBe(true);
    expect(deep.raw.match(/"a"/g)).toHaveLength(MAX_RECORD_DEPTH - 1);
    expect(after.value).toEqual({ id: "3" });
    const normalised = normaliseRecord(deep, "xml-list", new Date("2024-06-01"));
    expect(normalised).toEqual({ type: "reject", kind: "marche", reason: TOO_DEEP_REASON });
  });

  it("reads a file in the encoding its XML declaration gives (ISO-8859-15)", async () => {
    // ISO-8859-15 differs from Latin-1 where it matters for French: € is 0xA4, œ is 0xBD.
    const text =
      '<?xml version="1.0" encoding="ISO-8859-15"?>\n<marches><marche>' +
      "<objet>Réfection du chœur de l'église : 15 000 €</objet></marche></marches>";
    const bytes = Buffer.from(
      [...text].map((c) => (c === "€" ? 0xa4 : c === "œ" ? 0xbd : c.charCodeAt(0))),
    );
    // Small chunks: the declaration must be found even when it is cut across them.
    for (const highWaterMark of [7, 65536]) {
      const { records } = await readAll(tempFile("latin9.xml", bytes), { highWaterMark });
      expect(records).toHaveLength(1);
      expect(records[0].value).toEqual({ objet: "Réfection du chœur de l'église : 15 000 €" });
    }
  });

  it("fails on an encoding it does not know, naming it", async () => {
    const path = tempFile(
      "unknown-encoding.xml",
      '<?xml version="1.0" encoding="X-DECP-42"?><marche><objet>a</objet></marche>',
    );
    const { error } = await readUntilError(path, "odd-source");
    expect(error.message).toContain('unsupported character encoding "x-decp-42"');
  });
});
