// Parses the text of one JSON record. Real files carry literals JSON forbids (Python writes
// `"concessionnaires": NaN`): those are read as null, and the keys are reported so the
// normaliser can record the repair. Anything else that does not parse makes a rejected record.
import { readOversize } from "./input-limits.ts";
import type { SourceRecord } from "./types.ts";

// A string (skipped as a whole) or a bare NaN / Infinity literal after a key.
const LITERAL = /("(?:[^"\\]|\\.)*")|(-?\bInfinity\b|\bNaN\b)/g;
const KEY_BEFORE = /"((?:[^"\\]|\\.)*)"\s*:\s*$/;

type Parsed = Pick<
  SourceRecord,
  "value" | "raw" | "parseError" | "nonStandardLiterals" | "tooLarge"
>;

export function parseRecordText(text: string): Parsed {
  // A record over the size limit was never kept whole: it is not parsed.
  const oversize = readOversize(text);
  if (oversize) return { value: undefined, raw: oversize.raw, tooLarge: oversize.reason };
  try {
    return { value: JSON.parse(text), raw: text };
  } catch (error) {
    const keys: string[] = [];
    const repaired = text.replace(
      LITERAL,
      (match, str: string | undefined, _lit, index: number) => {
        if (str !== undefined) return match;
        keys.push(KEY_BEFORE.exec(text.slice(Math.max(0, index - 200), index))?.[1] ?? "?");
        return "null";
      },
    );
    if (keys.length > 0) {
      try {
        return { value: JSON.parse(repaired), raw: text, nonStandardLiterals: keys };
      } catch {
        // fall through to the original error
      }
    }
    return { value: undefined, raw: text, parseError: (error as Error).message };
  }
}
