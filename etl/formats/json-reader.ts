// Streams the records of a DECP JSON file without ever holding the file in one string.
//
// A byte-level scanner follows the JSON structure (strings, escapes, nesting) and cuts out each
// record of the container: {"marches": [ … ]} (2019 and 2.0.0), {"marches": {"marche": [ … ],
// "contrat-concession": [ … ]}} (2024; an array under any other key of "marches" too), or a bare
// top-level array. Only one record's bytes are held at a time, so memory is bounded by the
// largest record, whatever the file size; a record over the limit keeps only its first bytes and
// is rejected with its size (input-limits.ts).
import type { Readable } from "node:stream";
import { DEFAULT_MAX_RECORD_BYTES, OVERSIZE_KEPT_BYTES, oversizeRecord } from "./input-limits.ts";
import {
  recordKindOf,
  SourceFormatError,
  type ContainerShape,
  type RecordKind,
  type SourceRecord,
} from "./types.ts";
import { parseRecordText } from "./json-record.ts";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

interface Level {
  type: "object" | "array";
  key: string | null; // last key read in this object (only tracked near the top)
  expectKey: boolean;
}

/** Inside the 2024 container object, {"marches": {…}}, where its keys' values are. */
function isContainerObject(stack: Level[]): boolean {
  return (
    stack.length === 2 &&
    stack[0].type === "object" &&
    stack[0].key === "marches" &&
    stack[1].type === "object"
  );
}

/** Where the records live: the path of keys from the root to the array that holds them. */
function recordKindAt(stack: Level[]): RecordKind | null | undefined {
  // Bare array at the root.
  if (stack.length === 1 && stack[0].type === "array") return null;
  if (stack.length < 2 || stack[0].type !== "object" || stack[0].key !== "marches")
    return undefined;
  if (stack.length === 2 && stack[1].type === "array") return null;
  if (stack.length === 3 && stack[1].type === "object" && stack[2].type === "array") {
    // Any other array under "marches" (a misspelt "contrats-concession"…) holds records too: their
    // kind comes from their fields, or they are rejected with a reason, as XML's unknown children
    // are, rather than dropped unread and uncounted.
    return recordKindOf(stack[1].key);
  }
  return undefined;
}

export async function* readJsonRecords(
  input: Readable,
  sourceName: string,
  onShape?: (shape: ContainerShape) => void,
  /** false: yield the raw text only (value undefined). */
  parse = true,
  maxRecordBytes = DEFAULT_MAX_RECORD_BYTES,
): AsyncGenerator<SourceRecord> {
  const make = (bytes: Buffer, position: number, kindHint: RecordKind | null) => {
    const text = bytes.toString("utf8");
    const record = parse ? parseRecordText(text) : { value: undefined, raw: text };
    return { position, kindHint, ...record };
  };
  const batches = scanJsonRecords(input, sourceName, onShape, make, maxRecordBytes);
  for await (const batch of batches) yield* batch;
}

/** One record's bytes, undecoded, for a worker thread to decode and parse. */
export interface RecordBytes {
  position: number;
  kindHint: RecordKind | null;
  bytes: Buffer;
}

/** The records' bytes, in batches: those that end in each chunk read. */
export function readJsonRecordBytes(
  input: Readable,
  sourceName: string,
  onShape?: (shape: ContainerShape) => void,
  maxRecordBytes = DEFAULT_MAX_RECORD_BYTES,
): AsyncGenerator<RecordBytes[]> {
  return scanJsonRecords(
    input,
    sourceName,
    onShape,
    (bytes, position, kindHint) => ({ position, kindHint, bytes }),
    maxRecordBytes,
  );
}

async function* scanJsonRecords<T>(
  input: Readable,
  sourceName: string,
  onShape: ((shape: ContainerShape) => void) | undefined,
  makeRecord: (bytes: Buffer, position: number, kindHint: RecordKind | null) => T,
  /** A longer record keeps only its first bytes and is handed on marked (input-limits.ts). */
  maxRecordBytes: number,
): AsyncGenerator<T[]> {
  const stack: Level[] = [];
  let inString = false;
  let escape = false;
  let line = 1;
  let offset = 0; // bytes before the current chunk
  let first = true;
  let shapeSent = false;
  let sawContainer = false;

  // Capture of the current record (or of a key string near the top).
  let recordDepth = -1; // stack length at which the current record started
  let recordKind: RecordKind | null = null;
  let recordParts: Buffer[] = [];
  let recordSize = 0; // bytes of the current record read so far (kept or not)
  let recordStart = 0; // start index of the record within the current chunk
  let scalarRecord = false;
  let keyParts: Buffer[] | null = null;
  let keyStart: number; // start index of a key string within the current chunk
  let position = 0;
  const ready: T[] = [];

  const fail = (detail: string, at: number): never => {
    throw new SourceFormatError(sourceName, `line ${line}, byte ${at}`, detail);
  };

  // Keeps a piece of the current record; once over the limit, only its first bytes.
  const keep = (piece: Buffer) => {
    const before = recordSize;
    recordSize += piece.length;
    if (before > maxRecordBytes) return;
    recordParts.push(piece);
    if (recordSize <= maxRecordBytes) return;
    // Copied, so that the chunks it was cut from can be freed.
    recordParts = [Buffer.from(Buffer.concat(recordParts).subarray(0, OVERSIZE_KEPT_BYTES))];
  };

  const emitRecord = (chunk: Buffer, end: number) => {
    keep(chunk.subarray(recordStart, end));
    let bytes = recordParts.length === 1 ? recordParts[0] : Buffer.concat(recordParts);
    if (recordSize > maxRecordBytes) bytes = oversizeRecord(bytes, recordSize, maxRecordBytes);
    recordParts = [];
    recordSize = 0;
    ready.push(makeRecord(bytes, position++, recordKind));
    recordDepth = -1;
    scalarRecord = false;
  };

  const sendShape = () => {
    if (shapeSent) return;
    shapeSent = true;
    sawContainer = true;
    onShape?.(
      stack[0].type === "array" || stack[1]?.type === "array" ? "json-array" : "json-object",
    );
  };

  for await (const data of input) {
    const chunk = data as Buffer;
    first = false;
    recordStart = 0;
    keyStart = 0;
    let nextSlash = chunk.indexOf(BACKSLASH);
    const length = chunk.length;
    let i = 0;
    while (i < length) {
      const byte = chunk[i];
      if (inString) {
        if (escape) {
          escape = false;
          i++;
          continue;
        }
        // Jump to the next quote or backslash: string bodies are most of the bytes. The next
        // backslash is searched for again only once passed: most strings hold none.
        const quote = chunk.indexOf(QUOTE, i);
        if (nextSlash !== -1 && nextSlash < i) nextSlash = chunk.indexOf(BACKSLASH, i);
        const slash = nextSlash;
        if (slash !== -1 && (quote === -1 || slash < quote)) {
          escape = true;
          i = slash + 1;
          continue;
        }
        if (quote === -1) {
          i = length;
          continue;
        }
        inString = false;
        if (keyParts) {
          keyParts.push(chunk.subarray(keyStart, quote));
          stack[stack.length - 1].key = Buffer.concat(keyParts).toString("utf8");
          keyParts = null;
        }
        i = quote + 1;
        continue;
      }
      if (scalarRecord && (byte === 0x2c || byte === 0x5d || byte <= 0x20)) emitRecord(chunk, i);
      switch (byte) {
        case NEWLINE:
          line++;
          break;
        case QUOTE: {
          const top = stack[stack.length - 1];
          if (recordDepth === -1 && top?.type === "array" && recordKindAt(stack) !== undefined) {
            startRecord(i, true);
          }
          inString = true;
          if (top?.type === "object" && top.expectKey && recordDepth === -1 && stack.length <= 2) {
            top.expectKey = false;
            keyParts = [];
            keyStart = i + 1;
          }
          break;
        }
        case 0x7b: // {
        case 0x5b: {
          // [
          const top = stack[stack.length - 1];
          if (recordDepth === -1 && top?.type === "array" && recordKindAt(stack) !== undefined) {
            startRecord(i, false);
          } else if (recordDepth === -1 && byte === 0x7b && isContainerObject(stack)) {
            // One record given alone, not in an array: {"marches": {"contrat-concession": {…}}}.
            startRecord(i, false, recordKindOf(top.key));
          }
          if (top?.type === "object") top.expectKey = false;
          stack.push({
            type: byte === 0x7b ? "object" : "array",
            key: null,
            expectKey: byte === 0x7b,
          });
          if (recordDepth === -1 && recordKindAt(stack) !== undefined) sendShape();
          break;
        }
        case 0x7d: // }
        case 0x5d: {
          // ]
          const top = stack.pop();
          if (!top || top.type !== (byte === 0x7d ? "object" : "array")) {
            fail(`unexpected '${String.fromCharCode(byte)}'`, offset + i);
          }
          if (recordDepth !== -1 && stack.length === recordDepth) emitRecord(chunk, i + 1);
          break;
        }
        case 0x3a: // :
          break;
        case 0x2c: {
          // ,
          const top = stack[stack.length - 1];
          if (top?.type === "object") top.expectKey = true;
          break;
        }
        default:
          if (byte > 0x20) {
            const top = stack[stack.length - 1];
            // A UTF-8 byte-order mark may open the file, possibly split across chunks.
            const inBom = offset + i < 3 && (byte === 0xef || byte === 0xbb || byte === 0xbf);
            if (!top && inBom) break;
            if (!top) fail("the file is not a JSON object or array", offset + i);
            if (recordDepth === -1 && top.type === "array" && recordKindAt(stack) !== undefined) {
              startRecord(i, true);
            }
          }
      }
      i++;
    }
    if (recordDepth !== -1) keep(chunk.subarray(recordStart));
    if (keyParts) keyParts.push(chunk.subarray(keyStart));
    offset += length;
    if (ready.length > 0) yield ready.splice(0);
  }

  if (first) fail("the file is empty", 0);
  if (inString || stack.length > 0) {
    throw new SourceFormatError(
      sourceName,
      `end of file, line ${line}, byte ${offset}`,
      `truncated JSON: ${stack.length} unclosed ${stack.length === 1 ? "bracket" : "brackets"}` +
        (position > 0 ? ` after record ${position - 1}` : ""),
    );
  }
  if (!sawContainer) {
    fail('no DECP records found: expected a top-level "marches" key or array', offset);
  }
  if (ready.length > 0) yield ready.splice(0);

  function startRecord(at: number, scalar: boolean, kind = recordKindAt(stack) ?? null) {
    recordDepth = stack.length;
    recordKind = kind;
    recordParts = [];
    recordSize = 0;
    recordStart = at;
    scalarRecord = scalar;
    sendShape();
  }
}
