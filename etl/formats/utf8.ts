// UTF-8 byte sequences as RFC 3629 defines them, for the two places that look at bytes one by
// one: the copy of a CSV file with stray bytes (tabular/stray-bytes.ts) and the line of the first
// byte of an XML file that is not UTF-8 (xml-reader.ts).

/**
 * The length of the valid UTF-8 sequence that starts at `i` (its lead byte is ≥ 0x80): 2 to 4,
 * 0 when the bytes there are no valid sequence, -1 when the data end before it could be told.
 */
export function utf8SequenceLength(data: Uint8Array, i: number): number {
  const lead = data[i];
  let length: number;
  let low = 0x80;
  let high = 0xbf; // the range of the second byte (narrower after E0, ED, F0, F4)
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return 0;
  for (let k = 1; k < length; k++) {
    const byte = data[i + k];
    if (byte === undefined) return -1;
    if (k === 1 ? byte < low || byte > high : byte < 0x80 || byte > 0xbf) return 0;
  }
  return length;
}

/** The offset of the first byte that is not valid UTF-8 (a sequence cut by the end is not). */
export function firstInvalidUtf8(data: Uint8Array): number {
  for (let i = 0; i < data.length; i++) {
    if (data[i] < 0x80) continue;
    const length = utf8SequenceLength(data, i);
    if (length === 0) return i;
    if (length === -1) return -1;
    i += length - 1;
  }
  return -1;
}
