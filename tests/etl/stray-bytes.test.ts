// The UTF-8 copy of a file that is UTF-8 but for a few stray bytes: every valid sequence kept as
// it is, wherever the chunks cut it, every other byte read as Windows-1252, and both counted.
import { describe, expect, it } from "vitest";
import { strayBytesConverter } from "../../etl/tabular/stray-bytes.ts";

/** Converts `bytes` fed in chunks of `size` bytes. */
function convertInChunks(bytes: Buffer, size: number) {
  const converter = strayBytesConverter();
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size)
    out.push(converter.push(bytes.subarray(i, i + size)));
  out.push(converter.end());
  return { text: Buffer.concat(out).toString("utf8"), counts: converter.counts };
}

describe("strayBytesConverter", () => {
  // « Région » and « € » and « 𝄞 » in UTF-8 (2, 3 and 4 bytes), a stray « é » (0xE9) and a stray
  // « € » (0x80) as Windows-1252 writes them, a lead byte with no continuation at the very end.
  const bytes = Buffer.concat([
    Buffer.from("Région 12 € 𝄞 ; h", "utf8"),
    Buffer.of(0xe9),
    Buffer.from("bergement ", "utf8"),
    Buffer.of(0x80),
    Buffer.from(" fin ", "utf8"),
    Buffer.of(0xc3),
  ]);

  it.each([1, 2, 3, 5, 1000])("gives the same text in chunks of %i bytes", (size) => {
    const { text, counts } = convertInChunks(bytes, size);
    expect(text).toBe("Région 12 € 𝄞 ; hébergement € fin Ã");
    expect(counts).toEqual({ multibyte: 3, stray: 3 });
  });

  it("reads overlong and surrogate encodings as stray bytes, not as characters", () => {
    // C0 AF: an overlong « / »; ED A0 80: a UTF-16 surrogate; neither is valid UTF-8.
    const { text, counts } = convertInChunks(Buffer.of(0xc0, 0xaf, 0x20, 0xed, 0xa0, 0x80), 4);
    expect(text).toBe("À¯ í\u00a0€");
    expect(counts).toEqual({ multibyte: 0, stray: 5 });
  });
});
