// An export written to its temporary file, on the real file system: when its rows fail halfway
// (an export over its row limit, refused after its first lines), the writer rejects with that
// failure and nothing is thrown later. Before, the abandoned file's last write, still in flight,
// reported an error that no one listened to: an uncaught exception, which stops a server.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FILE_WRITERS } from "../../server/export/write-export.ts";
import type { ExportColumn, ExportValue } from "../../server/export/table.ts";

const dir = mkdtempSync(join(tmpdir(), "observatory-write-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const columns: ExportColumn[] = [
  { name: "acheteur_id", label: "Acheteur", type: "string" },
  { name: "value", label: "Valeur", type: "integer" },
];
const chunk: ExportValue[][] = Array.from({ length: 5_000 }, (_, i) => [`2135023880${i}`, i]);

/**
 * One chunk, then the failure the export's row limit raises. A few lines are written at once
 * (a large chunk would wait for the file to drain), so a write is still in flight at the failure.
 */
async function* failingHalfway(): AsyncGenerator<ExportValue[][]> {
  yield chunk.slice(0, 10);
  await new Promise((resolve) => setImmediate(resolve));
  throw new Error("plus de lignes que la limite de l'export");
}

describe("an export's file writer", () => {
  for (const format of ["csv", "csv_excel", "xlsx"] as const) {
    it(`${format}: rows failing halfway reject with their error, and nothing is thrown later`, async () => {
      let uncaught = 0;
      const count = () => uncaught++;
      process.on("uncaughtExceptionMonitor", count);
      try {
        // The failure races the file's last write: tried enough times for the race to be met.
        for (let i = 0; i < 20; i++) {
          await expect(
            FILE_WRITERS[format].write(join(dir, `${format}-${i}`), columns, [], failingHalfway()),
          ).rejects.toThrow("plus de lignes que la limite de l'export");
        }
        // The abandoned files' writes still in flight end meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 200));
      } finally {
        process.off("uncaughtExceptionMonitor", count);
      }
      expect(uncaught).toBe(0);
    });
  }

  it("csv: rows that all come are all written, the file complete once the writer resolves", async () => {
    const file = join(dir, "complete.csv");
    async function* rows(): AsyncGenerator<ExportValue[][]> {
      yield chunk;
      yield chunk;
    }
    await FILE_WRITERS.csv.write(file, columns, [], rows());
    const lines = readFileSync(file, "utf8").trimEnd().split("\r\n");
    expect(lines).toHaveLength(1 + 2 * chunk.length);
    expect(lines[lines.length - 1]).toBe(`${String(chunk[chunk.length - 1][0])},4999`);
  });
});
