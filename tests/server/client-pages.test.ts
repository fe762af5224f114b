// The pages the client router declares, each served with the list of the modules it runs (for the
// browser to fetch at once), read from the client's own files; and what stops the server at
// start instead of serving a wrong list.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientPages, withPreloads } from "../../server/client-pages.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

const preloads = (html: string) =>
  [...html.matchAll(/<link rel="modulepreload" href="([^"]+)" \/>/g)].map((m) => m[1]);

describe("the dashboard's pages as served", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it("every route of client/src/main.js is a page, listing the modules of its view and not of the others", async () => {
    const main = readFileSync("client/src/main.js", "utf8");
    const routes = [
      ...main.matchAll(
        /route\(\s*"([^"]+)",\s*async \(\) => \(await import\("\.\/(views\/[^"]+)"\)/g,
      ),
    ];
    expect(routes.length).toBeGreaterThanOrEqual(11);
    const views = routes.map((r) => `/src/${r[2]}`);
    for (const [, pattern, view] of routes) {
      const response = await t.get((pattern ?? "").replace(/:[a-z]+/g, "x"));
      expect(response.status, pattern).toBe(200);
      expect(response.headers.get("content-type"), pattern).toMatch(/^text\/html/);
      const listed = preloads(await response.text());
      expect(listed, pattern).toContain(`/src/${view}`);
      expect(
        listed.filter((m) => views.includes(m)),
        pattern,
      ).toEqual([`/src/${view}`]);
    }
  });

  it("lists on the home page what its modules import, each once, and every one is served", async () => {
    const listed = preloads(await (await t.get("/")).text());
    expect(new Set(listed).size).toBe(listed.length);
    // home.js imports the card, the card the chart specs: three levels down, all listed.
    for (const module of [
      "/src/views/home.js",
      "/src/components/card.js",
      "/src/charts/specs.js",
    ]) {
      expect(listed).toContain(module);
    }
    for (const module of listed) {
      const response = await t.get(module ?? "");
      expect(response.status, module).toBe(200);
      expect(response.headers.get("content-type"), module).toMatch(/javascript/);
    }
  });

  it("an unknown address lists the entry's modules only, with its 404", async () => {
    const response = await t.get("/pas/une/page");
    expect(response.status).toBe(404);
    const listed = preloads(await response.text());
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.some((m) => m?.startsWith("/src/views/"))).toBe(false);
  });
});

describe("reading a client's modules", () => {
  let dir: string;
  const write = (files: Record<string, string>) => {
    rmSync(dir, { recursive: true, force: true });
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "observatory-client-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("follows static imports and re-exports across folders, each module once, cycles included", () => {
    write({
      "main.js": [
        'import { a } from "./a.js";',
        'route("/", async () => (await import("./views/one.js")).one);',
        "route(",
        '  "/deux/:id",',
        '  async () => (await import("./views/two.js")).two,',
        ");",
      ].join("\n"),
      "a.js": 'import {\n  b,\n} from "./lib/b.js";\nexport const a = 1;',
      "lib/b.js":
        'import { a } from "../a.js";\n/** @type {import("../types.js").T} */\nexport const b = 2;',
      "views/one.js": 'export { c } from "../lib/c.js";\nimport "./side.js";',
      "views/side.js": "",
      "lib/c.js": "export const c = 3;",
      "views/two.js": 'import { a } from "../a.js";',
    });
    const { entry, pages } = clientPages(dir);
    expect(pages).toEqual([
      {
        pattern: "/",
        modules: [
          "/src/main.js",
          "/src/a.js",
          "/src/lib/b.js",
          "/src/views/one.js",
          "/src/lib/c.js",
          "/src/views/side.js",
        ],
      },
      {
        pattern: "/deux/:id",
        modules: ["/src/main.js", "/src/a.js", "/src/lib/b.js", "/src/views/two.js"],
      },
    ]);
    expect(entry).toEqual(["/src/main.js", "/src/a.js", "/src/lib/b.js"]);
  });

  it("refuses an import of a file that does not exist, naming it", () => {
    write({
      "main.js": 'route("/", async () => (await import("./views/one.js")).one);',
      "views/one.js": 'import { x } from "./gone.js";',
    });
    expect(() => clientPages(dir)).toThrow("client/src/views/gone.js: imported by the dashboard");
  });

  it("refuses a route it cannot read rather than leave its page without its list", () => {
    write({
      "main.js": [
        'route("/", async () => (await import("./views/one.js")).one);',
        'route("/autre", () => import("./views/one.js").then((m) => m.one));',
      ].join("\n"),
      "views/one.js": "",
    });
    expect(() => clientPages(dir)).toThrow(/main\.js: 2 route\(…\) calls, 1 of the form/);
  });

  it("puts the links before the entry script, the entry itself not listed", () => {
    const html = '<head>\n    <script type="module" src="/src/main.js"></script>\n</head>';
    const out = withPreloads(html, ["/src/main.js", "/src/a.js"]);
    expect(out).toBe(
      '<head>\n    <link rel="modulepreload" href="/src/a.js" />\n    <script type="module" src="/src/main.js"></script>\n</head>',
    );
    expect(() => withPreloads("<head></head>", ["/src/a.js"])).toThrow(/client\/index\.html/);
  });
});
