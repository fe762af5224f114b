// Streaming reader for DECP XML files: yields one SourceRecord per <marche> / <contrat-concession>.
// National files are about 1 GB, so the file is never held in memory: saxes is fed chunk by chunk
// and only the record being read is kept as a tree. A record over the size limit never reaches
// saxes (xml-record-gate.ts): it is yielded with its first characters and `tooLarge`. A record
// whose elements nest deeper than MAX_RECORD_DEPTH is built down to it and yielded `tooDeep`.

import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { SaxesParser } from "saxes";
import {
  recordKindOf,
  SourceFormatError,
  type ContainerShape,
  type SourceRecord,
} from "./types.ts";
import { ENCODING_SNIFF_BYTES, sniffXmlEncoding, xmlDecoder } from "./xml-encoding.ts";
import { DEFAULT_MAX_RECORD_BYTES, MAX_RECORD_DEPTH, oversizeReason } from "./input-limits.ts";
import { firstInvalidUtf8 } from "./utf8.ts";
import { XmlRecordGate, type GateOutput } from "./xml-record-gate.ts";

/** An element being built, inside the current record. */
interface Frame {
  name: string;
  line: number;
  /** Child values by element name, in document order; null while no child element was seen. */
  children: Map<string, unknown[]> | null;
  /** Text content, kept only while the element has no child element. */
  text: string;
}

/** Element name without its namespace prefix (`dc:marche` → `marche`). */
function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1);
}

/** Text-only element → trimmed string ("" when blank); element with children → object. */
function frameValue(frame: Frame): unknown {
  if (frame.children === null) return frame.text.trim();
  // fromEntries defines own properties, so even a `__proto__` element stays an ordinary key.
  return Object.fromEntries(
    [...frame.children].map(([name, values]) => [name, values.length === 1 ? values[0] : values]),
  );
}

export async function* readXmlRecords(
  input: string | Readable, // a file path, or an already opened stream (e.g. gunzipped)
  sourceName: string,
  onShape?: (shape: ContainerShape) => void,
  options: {
    highWaterMark?: number;
    onEncoding?: (label: string) => void;
    maxRecordBytes?: number;
  } = {},
): AsyncGenerator<SourceRecord> {
  const onEncoding = options.onEncoding;
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  // Namespaces are not resolved (xmlns: false): DECP files only declare xsi for the schema
  // location, and an undeclared prefix must not make a file unreadable.
  const parser = new SaxesParser({ position: true, xmlns: false });
  const where = (): string => `line ${parser.line}, column ${parser.column + 1}`;
  const fail = (detail: string, at: string = where()): SourceFormatError =>
    new SourceFormatError(sourceName, at, detail);

  let rootName: string | null = null;
  let rootLine = 0;
  let rootOpen = false; // the <marches> wrapper, which is not itself part of any record
  let tagLine = 0; // line where the tag being opened starts (an open tag may span lines)
  const stack: Frame[] = []; // stack[0] is the record element being read
  // Elements open below MAX_RECORD_DEPTH in the record being read: not built (the record is
  // rejected alone, as a JSON record nested as deep is), only counted to find the record's end.
  let skipped = 0;
  let recordTooDeep = false;
  const ready: SourceRecord[] = []; // records completed in the current chunk, not yet yielded
  let position = 0;

  parser.on("error", (err) => {
    // saxes prefixes its messages with "line:column: "; the position goes in `where` instead.
    throw fail(`malformed XML: ${err.message.replace(/^\d+:\d+: /, "")}`);
  });
  parser.on("opentagstart", () => {
    tagLine = parser.line;
  });
  let sawElement = false; // saxes saw an element (not so when the only record was oversized)
  parser.on("opentag", (tag) => {
    sawElement = true;
    const name = localName(tag.name);
    if (rootName === null) {
      rootName = name;
      rootLine = tagLine;
      if (name === "marches") {
        rootOpen = true;
        onShape?.("xml-list");
        return;
      }
      if (recordKindOf(name) === null) {
        throw fail(
          `root element <${name}> is not a DECP root (expected <marches>, <marche> or <contrat-concession>)`,
        );
      }
      onShape?.("xml-single");
    }
    if (skipped > 0 || stack.length >= MAX_RECORD_DEPTH) {
      skipped++;
      recordTooDeep = true;
      return;
    }
    stack.push({ name, line: tagLine, children: null, text: "" });
  });
  const onText = (text: string): void => {
    if (skipped > 0) return;
    const top = stack.at(-1);
    if (top !== undefined && top.children === null) top.text += text;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", () => {
    if (skipped > 0) {
      skipped--;
      return;
    }
    const frame = stack.pop();
    if (frame === undefined) {
      rootOpen = false; // </marches>
      return;
    }
    const value = frameValue(frame);
    const parent = stack.at(-1);
    if (parent === undefined) {
      // Any child of <marches> is a record, even an unknown one: the pipeline rejects it with a
      // reason rather than this reader dropping it silently.
      const record = { position: position++, kindHint: recordKindOf(frame.name) };
      // A record nested too deep keeps what was built of it, for the reject table.
      if (recordTooDeep)
        ready.push({ ...record, value: undefined, raw: JSON.stringify(value), tooDeep: true });
      else ready.push({ ...record, value, raw: JSON.stringify(value) });
      recordTooDeep = false;
      return;
    }
    if (parent.children === null) {
      parent.children = new Map();
      parent.text = ""; // whitespace around child elements is layout, not data
    }
    const siblings = parent.children.get(frame.name);
    if (siblings === undefined) parent.children.set(frame.name, [value]);
    else siblings.push(value);
  });

  /** Feeds text to the parser, and oversized records in their place; returns the error the
   *  parser raised, so that records completed earlier in the same chunk can still be yielded
   *  before it is thrown. */
  const gate = new XmlRecordGate(maxRecordBytes);
  const feedParts = (parts: GateOutput[]): unknown => {
    for (const part of parts) {
      if (typeof part !== "string") {
        const name = localName(part.name);
        if (rootName === null) {
          rootName = name; // a single-record file whose record is oversized
          onShape?.("xml-single");
        }
        ready.push({
          position: position++,
          kindHint: recordKindOf(name),
          value: undefined,
          raw: part.kept,
          tooLarge: oversizeReason(part.size, maxRecordBytes),
        });
        continue;
      }
      try {
        parser.write(part);
      } catch (err) {
        return err;
      }
    }
    return undefined;
  };
  const feed = (text: string): unknown => feedParts(gate.pass(text));

  // The encoding is chosen from the first bytes (BOM or XML declaration, xml-encoding.ts). The
  // decoder is fatal, keeps multibyte characters split across chunks and drops a leading BOM.
  let decoder: TextDecoder | null = null;
  let encoding = "utf-8";
  // Line breaks in the bytes decoded so far: saxes's own line lags behind them while the record
  // gate holds a record, and a bad byte is to be placed in the file, not in what saxes has seen.
  let linesDecoded = 0;
  const decode = (bytes?: Buffer): string => {
    decoder ??= xmlDecoder(encoding);
    if (decoder === null) throw fail(`unsupported character encoding "${encoding}"`, "line 1");
    try {
      if (bytes === undefined) return decoder.decode();
      const text = decoder.decode(bytes, { stream: true });
      linesDecoded += countLineBreaks(bytes, bytes.length);
      return text;
    } catch {
      throw fail(`the file is not valid ${encoding.toUpperCase()}`, badByteAt(bytes));
    }
  };
  /** Where the first byte that is not UTF-8 is, as far as the bytes tell. */
  const badByteAt = (bytes: Buffer | undefined): string => {
    const bad = bytes !== undefined && encoding === "utf-8" ? firstInvalidUtf8(bytes) : -1;
    if (bytes === undefined || bad === -1) return `after line ${linesDecoded + 1}`;
    const byte = bytes[bad].toString(16).toUpperCase();
    return `line ${linesDecoded + countLineBreaks(bytes, bad) + 1}, byte 0x${byte}`;
  };

  const hwm = options.highWaterMark;
  const stream =
    typeof input === "string"
      ? createReadStream(input, hwm === undefined ? {} : { highWaterMark: hwm })
      : input;
  let head: Buffer[] | null = [];
  let headBytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let bytes = chunk;
    if (head !== null) {
      // Wait for enough bytes to read the declaration, however small the chunks.
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes < ENCODING_SNIFF_BYTES) continue;
      bytes = Buffer.concat(head);
      head = null;
      encoding = sniffXmlEncoding(bytes);
      onEncoding?.(encoding);
    }
    const error = feed(decode(bytes));
    yield* ready.splice(0);
    if (error !== undefined) throw error;
  }
  if (head !== null) {
    const bytes = Buffer.concat(head);
    encoding = sniffXmlEncoding(bytes);
    onEncoding?.(encoding);
    const error = feed(decode(bytes));
    yield* ready.splice(0);
    if (error !== undefined) throw error;
  }
  const last = gate.pass(decode());
  const held = gate.end();
  const error = feedParts(held.text === "" ? last : [...last, held.text]);
  yield* ready.splice(0);
  if (error !== undefined) throw error;
  if (held.openOversized !== null) {
    throw fail(`truncated XML: <${localName(held.openOversized)}> is not closed`, "end of file");
  }

  // Check completeness ourselves before close(): the messages can then name what is missing.
  const endOfFile = "end of file";
  if (rootName === null) throw fail("no XML root element (empty file?)", endOfFile);
  const open = stack[0] ?? (rootOpen ? { name: rootName, line: rootLine } : undefined);
  if (open !== undefined) {
    throw fail(
      `truncated XML: <${open.name}> opened at line ${open.line} is not closed`,
      endOfFile,
    );
  }
  // Reports anything else left unfinished (e.g. a tag cut after the root).
  if (sawElement) parser.close();
}

/** Line ends among the first `end` bytes: LF, CR LF, or a CR alone (XML reads all three). */
function countLineBreaks(bytes: Buffer, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < end; i = bytes.indexOf(0x0a, i + 1)) count++;
  for (let i = bytes.indexOf(0x0d); i !== -1 && i < end; i = bytes.indexOf(0x0d, i + 1)) {
    if (bytes[i + 1] !== 0x0a) count++;
  }
  return count;
}
