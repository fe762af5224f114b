// LibreOffice Calc, run headless, opens exported files the way a French user's spreadsheet does,
// and saves what it read as XLSX; `readSheet` then reads every cell back with its type and number
// format. Never a mock: if Calc reads a code as a number, the test sees the number.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { strFromU8, unzipSync } from "fflate";
import { describe } from "vitest";
import { onPath } from "../../helpers/on-path.ts";
import { runsHere, type OptionalTool } from "../../helpers/optional-tool.ts";

/** `SOFFICE_PATH`, else `soffice` found on the PATH. */
export const SOFFICE = process.env.SOFFICE_PATH ?? onPath("soffice") ?? "soffice";

const SPREADSHEET: OptionalTool = {
  present: existsSync(SOFFICE),
  requiredBy: "OBSERVATORY_REQUIRE_SPREADSHEET",
  missing:
    "needs LibreOffice Calc (soffice): install it with `apt-get install -y libreoffice-calc-nogui` or set SOFFICE_PATH",
};

/**
 * `describe` for the tests that open files in LibreOffice Calc: skipped with one loud line without
 * it (a new user's `npm test` still passes), mandatory under OBSERVATORY_REQUIRE_SPREADSHEET=1 (CI).
 */
export function describeWithSpreadsheet(name: string, body: () => void): void {
  (runsHere(SPREADSHEET, name) ? describe : describe.skip)(name, body);
}

const run = promisify(execFile);

/**
 * Opens each file in Calc and returns what Calc read, saved as XLSX (the given file's name →
 * bytes of the XLSX). CSV files
 * get an import filter that gives only what a user picks in the import dialog — `;` as separator
 * and UTF-8 (plus the standard `"` quote, which is the default) — and leaves every other option
 * at its default. The French locale is the user's desktop one: it is what makes Calc read a
 * decimal comma as a number.
 */
export async function openInCalc(files: string[]): Promise<Map<string, Uint8Array>> {
  if (!existsSync(SOFFICE)) {
    throw new Error(
      `LibreOffice not found (${SOFFICE}): install libreoffice-calc-nogui (as .ci/run does) or set SOFFICE_PATH`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), "observatory-calc-"));
  try {
    const out = join(dir, "out");
    const csv = files.filter((f) => f.endsWith(".csv"));
    const others = files.filter((f) => !f.endsWith(".csv"));
    // Separate calls: the CSV filter would be applied to any other file of the same call.
    for (const [group, filter] of [
      [csv, ["--infilter=CSV:59,34,76"]],
      [others, []],
    ] as const) {
      if (group.length === 0) continue;
      await run(
        SOFFICE,
        [
          // A profile of its own: no clash with a running LibreOffice or another test worker.
          `-env:UserInstallation=file://${join(dir, "profile")}`,
          "--headless",
          "--norestore",
          ...filter,
          "--convert-to",
          "xlsx",
          "--outdir",
          out,
          ...group,
        ],
        {
          env: { ...process.env, LC_ALL: "fr_FR.UTF-8", LANG: "fr_FR.UTF-8", HOME: dir },
          timeout: 120_000,
        },
      );
    }
    const read = new Map<string, Uint8Array>();
    for (const file of files) {
      const converted = join(out, basename(file).replace(/\.[^.]+$/, ".xlsx"));
      if (!existsSync(converted)) throw new Error(`LibreOffice did not convert ${file}`);
      read.set(basename(file), new Uint8Array(readFileSync(converted)));
    }
    return read;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface SheetCell {
  kind: "text" | "number" | "boolean" | "error";
  /** The value as stored: the text, or the number exactly as written in the file. */
  raw: string;
  /** The number format code ("General" when none). */
  format: string;
}

/** One sheet's cells by row, each row a map from column index (0 = A) to cell; empty cells absent. */
export type Sheet = Map<number, SheetCell>[];

// The built-in number formats of the XLSX standard that these files can use.
const BUILT_IN_FORMATS: Record<string, string> = {
  "0": "General",
  "1": "0",
  "2": "0.00",
  "3": "#,##0",
  "4": "#,##0.00",
  "9": "0%",
  "10": "0.00%",
  "49": "@",
};

/** Reads one sheet (by position, 0 = first) of an XLSX file: cell types, values and formats. */
export function readSheet(bytes: Uint8Array, index = 0): Sheet {
  const files = unzipSync(bytes);
  const text = (name: string) => {
    const file = files[name];
    return file ? strFromU8(file) : "";
  };
  const shared = [...text("xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    unescapeXml([...(m[1] ?? "").matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join("")),
  );
  const styles = text("xl/styles.xml");
  const custom = new Map(
    [...styles.matchAll(/<numFmt [^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"/g)].map((m) => [
      m[1] ?? "",
      unescapeXml(m[2] ?? ""),
    ]),
  );
  const xfs = [
    ...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "").matchAll(/<xf\b([^>]*)>/g),
  ].map((m) => /numFmtId="(\d+)"/.exec(m[1] ?? "")?.[1] ?? "0");
  const formatOf = (style: string | undefined) => {
    const id = xfs[Number(style ?? 0)] ?? "0";
    return custom.get(id) ?? BUILT_IN_FORMATS[id] ?? `builtin ${id}`;
  };
  const xml = text(`xl/worksheets/sheet${index + 1}.xml`);
  if (!xml) throw new Error(`no sheet ${index + 1} in the XLSX file`);
  return [...xml.matchAll(/<row\b[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)].map((row) => {
    const cells = new Map<number, SheetCell>();
    for (const cell of (row[1] ?? "").matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = cell[1] ?? "";
      const inner = cell[2] ?? "";
      const ref = /r="([A-Z]+)\d+"/.exec(attrs)?.[1] ?? "";
      const type = /t="(\w+)"/.exec(attrs)?.[1] ?? "n";
      const value = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      const inline = /<t[^>]*>([\s\S]*?)<\/t>/.exec(inner)?.[1];
      if (value === undefined && inline === undefined) continue;
      const kind =
        type === "n" ? "number" : type === "b" ? "boolean" : type === "e" ? "error" : "text";
      const raw = type === "s" ? (shared[Number(value)] ?? "") : unescapeXml(value ?? inline ?? "");
      cells.set(columnIndex(ref), { kind, raw, format: formatOf(/ s="(\d+)"/.exec(attrs)?.[1]) });
    }
    return cells;
  });
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, "&");
}
