// Stands between the decoded XML text and saxes so that no record over the size limit is ever held
// whole: saxes keeps a text node until its closing tag, so a 4 GB <objet> would be held in full
// (or fail the whole run) if it reached the parser. The gate follows the document's nesting with a
// light scan (tags, quoted attribute values, comments, CDATA, processing instructions,
// declarations) and holds each record — a child of <marches>, or a <marche> /
// <contrat-concession> root — until its end. A record within the limit goes on to saxes whole; a
// longer one keeps only its first characters, is skipped to its end and comes out as an oversized
// record, while saxes gets as many line breaks as it spanned, so that its line numbers stay right.
// A record's size is counted in UTF-8 bytes of its decoded text (a UTF-8 file's own bytes).
// Anything the scan does not understand (a closing tag too many, a root name thousands of
// characters long) turns the gate off: the text then reaches saxes unchanged, which says why.
import { OVERSIZE_KEPT_BYTES } from "./input-limits.ts";

/** A record over the limit: its element name, first characters and size. */
export interface OversizedXml {
  name: string;
  kept: string;
  size: number;
}

/** What the gate still held at the end of the document. */
export interface GateEnd {
  /** Text for saxes (an unfinished record within the limit, for saxes to report). */
  text: string;
  /** The element name of an oversized record left open: the file is truncated. */
  openOversized: string | null;
}

/** What to hand on, in document order: text for saxes, or an oversized record in its place. */
export type GateOutput = string | OversizedXml;

type State = "text" | "tag" | "comment" | "cdata" | "pi" | "decl";

const TERMINATORS: Partial<Record<State, string>> = { comment: "-->", cdata: "]]>", pi: "?>" };
/** `<![CDATA[` is the longest opening to tell apart. */
const LOOKAHEAD = 9;
/** A root name longer than this turns the gate off instead of being held. */
const MAX_ROOT_NAME = 4096;
const TAG_SPECIAL = /["'>]/g;
const DECL_SPECIAL = /["'[\]>]/g;
const NAME_END = /[\s/>]/g;

const localName = (name: string): string => name.slice(name.indexOf(":") + 1);
const countLines = (text: string): number => text.split("\n").length - 1;
/** The element name at the start of a record's text. */
const nameAtStart = (text: string): string => /^<([^\s/>]*)/.exec(text)?.[1] ?? "";

export class XmlRecordGate {
  private state: State = "text";
  private quote: string | null = null;
  private closing = false; // the tag being read is an end tag
  private prevTagChar = ""; // last unquoted character of the tag being read
  private declDepth = 0; // [ … ] nesting inside a <!DOCTYPE …>
  private depth = 0;
  /** Depth of the records: 1 under <marches>, 0 for a record root, -1 for another root. */
  private recordDepth: number | null = null;
  private off = false;
  private carry = "";
  // The record being held.
  private inRecord = false;
  private parts: string[] = [];
  private size = 0;
  private skipped: { kept: string; lines: number } | null = null;

  constructor(private readonly maxBytes: number) {}

  /** The next piece of the document; returns what can be handed on now. */
  pass(text: string): GateOutput[] {
    const s = this.carry + text;
    this.carry = "";
    if (this.off) return [s];
    const out: GateOutput[] = [];
    let from = 0; // start of the text not yet handed on or held
    const handOn = (end: number) => {
      if (end <= from) return;
      const piece = s.slice(from, end);
      from = end;
      if (!this.inRecord) out.push(piece);
      else this.hold(piece);
    };
    let i = 0;
    const length = s.length;
    while (i < length) {
      const state = this.state;
      if (state === "text") {
        const lt = s.indexOf("<", i);
        if (lt === -1) break;
        const opened = this.open(s, lt);
        if (opened === "wait") {
          handOn(lt);
          this.carry = s.slice(lt);
          // A root name longer than any sensible one: the gate steps aside.
          return this.carry.length <= MAX_ROOT_NAME ? out : this.turnOff(out, this.carry, 0);
        }
        if (opened === "record") {
          handOn(lt);
          this.inRecord = true;
          this.parts = [];
          this.size = 0;
          this.skipped = null;
          i = lt + 1;
          continue;
        }
        i = opened;
      } else if (state === "tag") {
        const end = this.readTag(s, i);
        if (end === -1) break;
        i = end;
        if (this.inRecord && this.depth === this.recordDepth) {
          handOn(i);
          out.push(...this.endRecord());
        }
        if (this.depth < 0) return this.turnOff(out, s, from);
      } else if (state === "decl") {
        const end = this.readDecl(s, i);
        if (end === -1) break;
        i = end;
      } else {
        const terminator = TERMINATORS[state] ?? ">";
        const end = s.indexOf(terminator, i);
        if (end === -1) {
          // The terminator may be cut by the end of this piece: keep its possible start.
          const keep = Math.max(i, length - (terminator.length - 1));
          handOn(keep);
          this.carry = s.slice(keep);
          return out;
        }
        i = end + terminator.length;
        this.state = "text";
      }
    }
    handOn(length);
    return out;
  }

  /** At the end of the document: what is still held, for saxes to report as unfinished. */
  end(): GateEnd {
    const rest = this.carry;
    this.carry = "";
    if (!this.inRecord) return { text: rest, openOversized: null };
    if (this.skipped !== null) return { text: "", openOversized: nameAtStart(this.skipped.kept) };
    const text = this.parts.join("") + rest;
    this.parts = [];
    return { text, openOversized: null };
  }

  /** At `<`: "wait" for more text, "record" when a record starts here, else where to go on. */
  private open(s: string, lt: number): number | "wait" | "record" {
    if (s.length - lt < LOOKAHEAD && !this.canTell(s, lt)) return "wait";
    const next = s[lt + 1];
    if (s.startsWith("<!--", lt)) {
      this.state = "comment";
      return lt + 4;
    }
    if (s.startsWith("<![CDATA[", lt)) {
      this.state = "cdata";
      return lt + 9;
    }
    if (next === "?") {
      this.state = "pi";
      return lt + 2;
    }
    if (next === "!") {
      this.state = "decl";
      this.declDepth = 0;
      return lt + 2;
    }
    this.state = "tag";
    this.quote = null;
    this.prevTagChar = "";
    this.closing = next === "/";
    if (this.closing) return lt + 2;
    if (this.recordDepth === null) {
      // The root: its name tells where the records are.
      NAME_END.lastIndex = lt + 1;
      const nameEnd = NAME_END.exec(s)?.index ?? -1;
      if (nameEnd === -1) {
        this.state = "text";
        return "wait";
      }
      const root = localName(s.slice(lt + 1, nameEnd));
      this.recordDepth =
        root === "marches" ? 1 : root === "marche" || root === "contrat-concession" ? 0 : -1;
    }
    return this.depth === this.recordDepth ? "record" : lt + 1;
  }

  /** Whether the few characters after `<` in this piece are enough to tell what opens. */
  private canTell(s: string, lt: number): boolean {
    const after = s.slice(lt, lt + LOOKAHEAD);
    if (after.length < 2) return false;
    if (after[1] !== "!") return after[1] === "?" || after[1] === "/" || this.recordDepth !== null;
    return !("<![CDATA[".startsWith(after) || "<!--".startsWith(after));
  }

  /**
   * The next character of `special` outside quoted values (a quote in `special` opens one, read
   * past here), or null at the end of the piece.
   */
  private nextOutsideQuotes(s: string, from: number, special: RegExp): RegExpExecArray | null {
    let at = from;
    for (;;) {
      if (this.quote !== null) {
        const end = s.indexOf(this.quote, at);
        if (end === -1) return null;
        this.quote = null;
        at = end + 1;
      }
      special.lastIndex = at;
      const found = special.exec(s);
      if (found === null || (found[0] !== '"' && found[0] !== "'")) return found;
      this.quote = found[0];
      at = found.index + 1;
    }
  }

  /** Reads on inside a tag; returns the index after its `>`, or -1 at the end of the piece. */
  private readTag(s: string, i: number): number {
    const found = this.nextOutsideQuotes(s, i, TAG_SPECIAL);
    if (found === null) {
      // The tag goes on in the next piece: remember whether it ends with `/` so far.
      if (s.length > i) this.prevTagChar = s[s.length - 1];
      return -1;
    }
    const before = found.index > i ? s[found.index - 1] : this.prevTagChar;
    this.state = "text";
    if (this.closing) this.depth--;
    else if (before !== "/") this.depth++;
    return found.index + 1;
  }

  /** Reads on inside `<!…>` (a DOCTYPE may hold `[ … ]` and quoted text). */
  private readDecl(s: string, i: number): number {
    let at = i;
    for (;;) {
      const found = this.nextOutsideQuotes(s, at, DECL_SPECIAL);
      if (found === null) return -1;
      at = found.index + 1;
      if (found[0] === "[") this.declDepth++;
      else if (found[0] === "]") this.declDepth--;
      else if (this.declDepth <= 0) {
        this.state = "text";
        return at;
      }
    }
  }

  /** Keeps a piece of the record; once over the limit, only its first characters. */
  private hold(piece: string): void {
    this.size += Buffer.byteLength(piece, "utf8");
    if (this.skipped !== null) {
      this.skipped.lines += countLines(piece);
      return;
    }
    this.parts.push(piece);
    if (this.size <= this.maxBytes) return;
    const held = this.parts.join("");
    this.skipped = { kept: held.slice(0, OVERSIZE_KEPT_BYTES), lines: countLines(held) };
    this.parts = [];
  }

  private endRecord(): GateOutput[] {
    this.inRecord = false;
    const skipped = this.skipped;
    this.skipped = null;
    if (skipped === null) {
      const text = this.parts.join("");
      this.parts = [];
      return [text];
    }
    const name = nameAtStart(skipped.kept);
    return [{ name, kept: skipped.kept, size: this.size }, "\n".repeat(skipped.lines)];
  }

  /** Hands on everything held and from now on lets the text through unchanged. */
  private turnOff(out: GateOutput[], s: string, from: number): GateOutput[] {
    this.off = true;
    this.carry = "";
    const held = this.inRecord ? this.parts.join("") : "";
    this.inRecord = false;
    this.parts = [];
    out.push(held + s.slice(from));
    return out;
  }
}
