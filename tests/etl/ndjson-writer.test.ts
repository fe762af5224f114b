// A staging file that cannot be written fails the call that writes it, naming the file, and never
// becomes an uncaught error that would take the process down; a discarded file is closed.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NdjsonWriter } from "../../etl/load/ndjson-writer.ts";
import { tempDir } from "../helpers/samples-db.ts";

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a staging file", () => {
  it("holds every line appended once closed", async () => {
    const writer = new NdjsonWriter(join(dir, "rows.ndjson"));
    await writer.append(Buffer.from('{"a":1}\n'));
    await writer.append(Buffer.from('{"a":2}\n'));
    await writer.close();
    expect(readFileSync(join(dir, "rows.ndjson"), "utf8")).toBe('{"a":1}\n{"a":2}\n');
  });

  it("in a folder that is gone: closing it fails with the file's error", async () => {
    const path = join(dir, "gone", "rows.ndjson");
    const writer = new NdjsonWriter(path);
    await expect(writer.close()).rejects.toThrow(/ENOENT.*gone\/rows\.ndjson/);
    // Told again to the next call, not lost.
    await expect(writer.append(Buffer.from("{}\n"))).rejects.toThrow(/ENOENT/);
    await writer.discard();
  });

  it("discarded: closed at once, whatever it holds, and discarding again does nothing", async () => {
    const path = join(dir, "discarded.ndjson");
    const writer = new NdjsonWriter(path);
    await writer.append(Buffer.from('{"a":1}\n'));
    await writer.discard();
    await writer.discard();
    expect(existsSync(path)).toBe(true);
    rmSync(path);
    // A writer discarded before its file was even opened leaves no error behind either.
    const early = new NdjsonWriter(join(dir, "gone-too", "rows.ndjson"));
    await early.discard();
  });
});
