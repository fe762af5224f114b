// The client's types are the API's: client/src/types.js names the types server/api-types.ts
// infers from the zod schemas that also generate /api/openapi.json. And api-types.ts is harmless
// to the browser code's type-checker: it imports types only, and nothing it reaches needs Node.
// @module-tag slow
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { buildImportGraph, importSpecifiers, reachableFrom } from "../helpers/import-graph.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const API_TYPES = "server/api-types.ts";
const CLIENT_TYPES = "client/src/types.js";
/** Every name client/src/types.js gives, read from its typedefs (each must be the API's). */
const NAMES = [
  ...readFileSync(join(ROOT, CLIENT_TYPES), "utf8").matchAll(
    /@typedef \{import\("\.\.\/\.\.\/server\/api-types\.ts"\)\.(\w+)\} (\w+)/g,
  ),
].map(([, imported, name]) => {
  if (imported !== name) throw new Error(`types.js names ${imported} as ${name}`);
  return name;
});

const dir = mkdtempSync(join(tmpdir(), "observatory-types-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("server/api-types.ts", () => {
  it("imports and exports types only", () => {
    const text = readFileSync(join(ROOT, API_TYPES), "utf8");
    const statements = text.match(/^(?:import|export)\b[^;]*;/gms) ?? [];
    expect(statements.length).toBeGreaterThan(5);
    for (const statement of statements) expect(statement).toMatch(/^(import|export) type\b/);
  });

  it("reaches zod and pure schema modules only (no Node, no Express, no DuckDB)", () => {
    const graph = buildImportGraph(ROOT, ["lib", "etl", "indicators", "server"]);
    const reached = reachableFrom(graph, API_TYPES);
    expect(reached).toContain("indicators/result-columns.ts");
    const packages = [...reached].flatMap((file) =>
      importSpecifiers(readFileSync(join(ROOT, file), "utf8"))
        .filter((s) => !s.startsWith("."))
        .map((s) => `${file}: ${s}`),
    );
    expect(packages.filter((p) => !p.endsWith(": zod"))).toEqual([]);
  });
});

describe("client/src/types.js", () => {
  it("names the API's types: same types, not `any`", () => {
    expect(NAMES).toEqual(expect.arrayContaining(["IndicatorResult", "BuyerSummary", "Health"]));
    const client = join(ROOT, CLIENT_TYPES);
    const server = join(ROOT, API_TYPES);
    // Each name both ways (same type), then a value no API type admits (so it is not `any`).
    const lines = NAMES.flatMap((name) => [
      `/** @type {import(${JSON.stringify(client)}).${name}} */`,
      `export const ${name}_client = /** @type {import(${JSON.stringify(server)}).${name}} */ (/** @type {any} */ (null));`,
      `/** @type {import(${JSON.stringify(server)}).${name}} */`,
      `export const ${name}_server = ${name}_client;`,
      `/** @type {import(${JSON.stringify(client)}).${name}} */`,
      `export const ${name}_wrong = Symbol("${name}"); // wrong: ${name}`,
    ]);
    // One field typed by the engine: a column's role is a closed list.
    lines.push(
      `/** @type {import(${JSON.stringify(client)}).Column["role"]} */`,
      `export const role = "nonsense"; // wrong: role`,
      `/** @type {import(${JSON.stringify(client)}).Column["role"]} */`,
      `export const value = "coverage_value";`,
    );
    const probe = join(dir, "probe.js");
    writeFileSync(probe, lines.join("\n"));
    const program = ts.createProgram([probe], {
      allowJs: true,
      checkJs: true,
      noEmit: true,
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      allowImportingTsExtensions: true,
      // What a browser's code has: the DOM, no Node types.
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: [],
      skipLibCheck: true,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file
        ? `${d.file.fileName.replace(ROOT, "")}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : "";
      return { where, text: ts.flattenDiagnosticMessageText(d.messageText, "\n") };
    });
    // Errors only in the probe, exactly on the lines marked wrong.
    const wrongLines = lines.flatMap((line, i) =>
      line.includes("// wrong:") ? [`${probe}:${i + 1}`] : [],
    );
    expect(diagnostics.filter((d) => !d.where.startsWith(probe))).toEqual([]);
    expect(diagnostics.map((d) => d.where).sort()).toEqual(wrongLines.sort());
  });
});
