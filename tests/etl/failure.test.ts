// A broken source fails the whole run with a message naming the file and where it broke, and the
// database in place is left exactly as it was.
import { createHash } from "node:crypto";
import {
  existsSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEtl, SAMPLES_DIR } from "../../etl/pipeline.ts";
import { runEtlCli } from "../../etl/cli-run.ts";
import { cachedEtl } from "../helpers/etl-cache.ts";
import { fixture } from "../helpers/fixtures.ts";
import { TEST_TODAY, tempDir, E_MARCHESPUBLICS_CONTRACTS } from "../helpers/samples-db.ts";
import { openDatabase, queryRows } from "../../lib/duckdb.ts";

const dir = tempDir();
const dbPath = join(dir, "observatory.duckdb");
const good = join(SAMPLES_DIR, "real-v1-e-marchespublics-2019-04.json");
const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

function brokenCopy(name: string, from: string, cut: (text: string) => string): string {
  const path = join(dir, name);
  const input = from.startsWith("real-") ? join(SAMPLES_DIR, from) : fixture(from);
  writeFileSync(path, cut(readFileSync(input, "utf8")));
  return path;
}

beforeAll(async () => {
  // The served observatory the failed runs below must leave intact.
  const report = await cachedEtl([good], TEST_TODAY, dbPath);
  expect(report.status).toBe("ok");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CASES: [string, () => string, RegExp][] = [
  [
    "a JSON file cut in the middle",
    () =>
      brokenCopy("truncated.json", "real-v1-pes-dgfip-2019-04.json", (t) =>
        t.slice(0, t.length / 2),
      ),
    /truncated\.json: truncated JSON.*\(end of file, line \d+, byte \d+\)/,
  ],
  [
    "an XML file cut in the middle",
    () =>
      brokenCopy("truncated.xml", "official-v1.5-example-paquet.xml", (t) =>
        t.slice(0, t.length / 2),
      ),
    /truncated\.xml: truncated XML.*line \d+/,
  ],
  [
    "a JSON file with a stray bracket",
    () =>
      brokenCopy("malformed.json", "official-v1.5-example-paquet.json", (t) => t.replace("]", "}")),
    /malformed\.json: unexpected '\}' \(line \d+, byte \d+\)/,
  ],
  [
    "an empty file",
    () => brokenCopy("empty.json", "official-v1.5-example-paquet.json", () => ""),
    /empty\.json: the file is empty/,
  ],
  [
    "a file that is neither JSON, XML, Parquet nor CSV",
    () => brokenCopy("notes.json", "official-v1.5-example-paquet.json", () => "quelques notes\n"),
    /notes\.json: neither JSON, XML, Parquet nor CSV/,
  ],
  [
    "a CSV file whose columns identify no contract",
    () => brokenCopy("table.json", "official-v1.5-example-paquet.json", () => "id;montant\n1;2\n"),
    /table\.json: no column identifies a contract/,
  ],
  [
    // Région Bretagne's table with « objet » taken out of its header only: every row is one
    // field too long, and read under the header it would put each value under its neighbour.
    "a CSV file whose header lacks a column name",
    () =>
      brokenCopy("header.csv", "real-flat-region-bretagne-rendu-compte-2021.csv", (t) =>
        t.replace("|objet|", "|"),
      ),
    /header\.csv: \d+ of its \d+ rows do not fit its header of 18 columns .*\(line \d+\)/,
  ],
  [
    // Région Bretagne's table cut in the middle of its last row's objet, as a download stopped
    // mid-way leaves it: the row was rejected and the run said ok.
    "a CSV file cut in the middle of a row",
    () =>
      brokenCopy("cut.csv", "real-flat-region-bretagne-rendu-compte-2021.csv", (t) =>
        t.slice(0, t.lastIndexOf("\n", t.length - 2) + 60),
      ),
    /cut\.csv: truncated CSV: the file ends in the middle of a row.*\(end of file, line 196\)/,
  ],
  [
    // One objet of 9 MB on the table's sixth line: DuckDB's own error named line 1.
    "a CSV file with a line over the record limit",
    () =>
      brokenCopy("long.csv", "real-flat-region-bretagne-rendu-compte-2021.csv", (t) => {
        const lines = t.split("\n");
        const fields = lines[5].split("|");
        fields[5] = "x".repeat(9_000_000);
        lines[5] = fields.join("|");
        return lines.join("\n");
      }),
    /long\.csv: a line of 9\d{6} bytes is over the limit of 8388608 bytes .*\(line 6\)/,
  ],
  [
    "JSON without DECP records",
    () => brokenCopy("other.json", "official-v1.5-example-paquet.json", () => '{"data": [1, 2]}'),
    /other\.json: no DECP records found/,
  ],
];

describe("a broken source", () => {
  it.each(CASES)(
    "%s: the run fails and the database is unchanged",
    async (_label, make, message) => {
      const before = sha(dbPath);
      // The broken file comes after a good one: the good one's records must not land either.
      const report = await runEtl({
        inputs: [fixture("official-v1.5-example-mar-basique.json"), make()],
        dbPath,
        today: TEST_TODAY,
      });
      expect(report.status).toBe("failed");
      expect(`${report.error?.source}: ${report.error?.message}`).toMatch(message);
      expect(sha(dbPath)).toBe(before);
      expect(readdirSync(dir).filter((name) => name.includes(".build-"))).toEqual([]);
      const db = await openDatabase(dbPath, { readOnly: true });
      const [row] = await queryRows(
        db.connection,
        "SELECT count(*) AS n, count(DISTINCT source) AS sources FROM contracts",
      );
      db.close();
      expect(row).toEqual({ n: E_MARCHESPUBLICS_CONTRACTS, sources: 1 });
    },
  );

  it.runIf(existsSync("/proc/self/fd"))(
    "closes the staging files it opened before removing them (Linux: /proc/self/fd)",
    async () => {
      // The files this process holds open in the runs' build folders, read from the kernel.
      const heldInBuilds = () =>
        readdirSync("/proc/self/fd")
          .map((fd) => {
            try {
              return readlinkSync(join("/proc/self/fd", fd));
            } catch {
              return ""; // closed meanwhile (the descriptor of readdirSync itself)
            }
          })
          .filter((target) => target.startsWith(dir) && target.includes(".build-"));
      for (const name of ["held-1.json", "held-2.json"]) {
        const report = await runEtl({
          inputs: [brokenCopy(name, "official-v1.5-example-paquet.json", () => "")],
          dbPath,
          today: TEST_TODAY,
        });
        expect(report.status).toBe("failed");
      }
      expect(heldInBuilds()).toEqual([]);
    },
  );

  it("makes the command exit 1 with the file named on stderr and nothing replaced", async () => {
    const path = brokenCopy("cli-truncated.json", "real-v1-pes-dgfip-2019-04.json", (t) =>
      t.slice(0, 5000),
    );
    const before = sha(dbPath);
    let stdout = "";
    let stderr = "";
    const code = await runEtlCli([path, "--db", dbPath, "--json"], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      env: {},
      today: TEST_TODAY,
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/cli-truncated\.json: truncated JSON/);
    expect(stderr).toContain("The database was not changed.");
    expect(JSON.parse(stdout).status).toBe("failed");
    expect(sha(dbPath)).toBe(before);
  });
});
