// The layers of the project and their imports: no module imports itself back, however far round
// (type imports and the client's JSDoc types included), and each layer imports only from the
// layers below it:
//
//   lib/         what everyone shares (DuckDB access, the vocabulary of codes)
//   client/src/shared/  rules the server and the browser both run (CSV text, download names):
//                plain modules that import nothing, so any layer may import them
//   etl/         builds snapshots                      → lib
//   indicators/  definitions → SQL → rows               → lib
//   server/      the API and the dashboard's files     → indicators, etl (runs and refreshes), lib
//   client/      the dashboard in the browser          → server/api-types.ts only (JSDoc types)
//   bench/       measures everything                   → anything but client
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  buildImportGraph,
  findCycles,
  importSpecifiers,
  type ImportEdge,
  type ImportGraph,
} from "./helpers/import-graph.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const LAYERS = ["lib", "etl", "indicators", "server", "client", "bench"] as const;
/** The modules served to the browser that the server imports too (they import nothing). */
const SHARED = "client/src/shared/";
type Layer = (typeof LAYERS)[number] | "shared";

/** What each layer must not import. */
const FORBIDDEN: Record<Layer, readonly Layer[]> = {
  shared: ["lib", "etl", "indicators", "server", "client", "bench"],
  lib: ["etl", "indicators", "server", "client", "bench"],
  etl: ["indicators", "server", "client", "bench"],
  indicators: ["etl", "server", "client", "bench"],
  server: ["client", "bench"],
  client: ["lib", "etl", "indicators", "bench"],
  bench: ["client"],
};

/** The one server module the client may name: types of the API's answers, for its JSDoc. */
const CLIENT_MAY_IMPORT = new Set(["server/api-types.ts"]);

const layerOf = (file: string): Layer =>
  file.startsWith(SHARED) ? "shared" : (file.split("/")[0] as Layer);
const show = (e: ImportEdge) => `${e.from} imports "${e.specifier}" (${e.to})`;

let graph: ImportGraph | null = null;
const projectGraph = (): ImportGraph => (graph ??= buildImportGraph(ROOT, LAYERS));

describe("reading imports", () => {
  it("finds every form of import, and nothing else", () => {
    const text = [
      'import { a } from "./a.ts";',
      'import type { B } from "../b.ts";',
      "import {\n  c,\n  type C,\n} from './c.ts';",
      'import "./side-effect.js";',
      'export { d } from "./d.ts";',
      'export * from "./e.ts";',
      'export type { F } from "./f.ts";',
      'const g = await import("./g.js");',
      '/** @type {import("./h.js").H} */',
      'import { z } from "zod";',
      'const text = "nothing imported here";',
      "export const i = 1;",
    ].join("\n");
    expect(importSpecifiers(text)).toEqual([
      "./a.ts",
      "../b.ts",
      "./c.ts",
      "./side-effect.js",
      "./d.ts",
      "./e.ts",
      "./f.ts",
      "./g.js",
      "./h.js",
      "zod",
    ]);
  });

  it("reads the whole project and resolves every relative import to a file", () => {
    const { files, edges, unresolved } = projectGraph();
    for (const layer of LAYERS) {
      expect(
        files.some((f) => layerOf(f) === layer),
        layer,
      ).toBe(true);
    }
    // A sample of known edges, of each kind: a cycle finder that reads nothing finds no cycle.
    const has = (from: string, to: string) => edges.some((e) => e.from === from && e.to === to);
    expect(has("server/app.ts", "server/routes/indicators.ts")).toBe(true);
    expect(has("indicators/engine.ts", "lib/query-stream.ts")).toBe(true);
    expect(has("client/src/views/home.js", "client/src/api.js")).toBe(true);
    expect(unresolved.map(show)).toEqual([]);
  });
});

describe("import cycles", () => {
  it("names a cycle when there is one", () => {
    const files = ["a.ts", "b.ts", "c.ts", "d.ts"];
    const edge = (from: string, to: string) => ({ from, to, specifier: `./${to}` });
    const cycles = findCycles({
      files,
      edges: [
        edge("a.ts", "b.ts"),
        edge("b.ts", "c.ts"),
        edge("c.ts", "a.ts"),
        edge("c.ts", "d.ts"),
      ],
      unresolved: [],
    });
    expect(cycles).toEqual([["a.ts", "b.ts", "c.ts", "a.ts"]]);
  });

  it("has none in lib, etl, indicators, server, client and bench", () => {
    const cycles = findCycles(projectGraph()).map((cycle) => cycle.join(" → "));
    expect(cycles).toEqual([]);
  });
});

describe("layers", () => {
  it("import only from the layers below them", () => {
    const wrong = projectGraph().edges.filter((e) =>
      FORBIDDEN[layerOf(e.from)].includes(layerOf(e.to)),
    );
    expect(wrong.map(show)).toEqual([]);
  });

  it("keep the client to its own files and the API's types", () => {
    const outside = projectGraph().edges.filter(
      (e) => layerOf(e.from) === "client" && !["client", "shared"].includes(layerOf(e.to)),
    );
    expect(outside.filter((e) => !CLIENT_MAY_IMPORT.has(e.to)).map(show)).toEqual([]);
  });

  it("let the server and the browser share only modules that import nothing but each other", () => {
    // Both load them as they are: a shared neighbour resolves for both, anything else would not.
    const { edges } = projectGraph();
    const fromShared = edges.filter((e) => layerOf(e.from) === "shared");
    expect(fromShared.filter((e) => layerOf(e.to) !== "shared").map(show)).toEqual([]);
    // The rule above leaves room for one: rule-value-text.js says its counts with french-words.js.
    expect(fromShared.length).toBeGreaterThan(0);
    // The server does use them: the rule above is not vacuous.
    expect(edges.some((e) => layerOf(e.from) === "server" && layerOf(e.to) === "shared")).toBe(
      true,
    );
  });
});
