// The character encoding of an XML file: a byte-order mark, else the `encoding` of the XML
// declaration, else UTF-8 (the XML default). Producers do publish ISO-8859-1/-15 files; reading
// them as UTF-8 would fail the whole run on the first accented letter.

/** Bytes to look at before choosing: enough for a BOM and any XML declaration. */
export const ENCODING_SNIFF_BYTES = 1024;

const DECLARATION = /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/;

/** The encoding label of a file from its first bytes (at most ENCODING_SNIFF_BYTES). */
export function sniffXmlEncoding(head: Buffer): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8";
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  // The declaration is ASCII in every ASCII-compatible encoding: read it as Latin-1.
  const match = DECLARATION.exec(head.toString("latin1").trimStart());
  return match ? match[1].toLowerCase() : "utf-8";
}

/**
 * A streaming decoder for the label, or null when the platform does not know it. `fatal`: bytes
 * that do not fit the encoding stop the run instead of becoming U+FFFD.
 */
export function xmlDecoder(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    return null;
  }
}
