// The client's Vega-Lite spec builders as the tests use them: loaded as the browser loads them,
// validated against the Vega-Lite JSON schema and compiled without a warning (`check`), and drawn
// by Vega in Node at a given width (`draw`), for tests/server/vega-lite-specs.test.ts.
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import { parse as parseVega, View } from "vega";
import { expressionInterpreter } from "vega-interpreter";
import { compile } from "vega-lite";
import { expect } from "vitest";

export type Spec = Record<string, unknown>;
type ViewOptions = ConstructorParameters<typeof View>[1];
export interface Result {
  indicator: { id: string; breakdowns: { id: string }[]; shape: string };
  columns?: unknown[];
  rows: unknown[];
}
/** The client's spec builders (plain JavaScript modules, loaded as the browser loads them). */
export interface Specs {
  trendSpec(result: Result, options?: { compact?: boolean }): Spec | null;
  breakdownSpec(
    result: Result,
    dimension: string,
    options?: { width?: number },
  ): { spec: Spec; shown: number; total: number } | null;
  mapSpec(result: Result): Spec | null;
  heatmapSpec(
    result: Result,
    rows: string,
    columns: string,
  ): { spec: Spec; shown: number; total: number } | null;
  barSpec(rows: Record<string, unknown>[], options: Record<string, string>): Spec;
}

const SCHEMA = fileURLToPath(
  new URL("../../../node_modules/vega-lite/build/vega-lite-schema.json", import.meta.url),
);
const SPECS = new URL("../../../client/src/charts/specs.js", import.meta.url);

/** The client's spec builders (client/src/charts/specs.js). */
export async function loadSpecs(): Promise<Specs> {
  return (await import(pathToFileURL(fileURLToPath(SPECS)).href)) as Specs;
}

// The schema allows formats ajv does not know (uri…): they are not what is checked here.
const validate = new Ajv({ strict: false, allErrors: true, logger: false }).compile(
  JSON.parse(readFileSync(SCHEMA, "utf8")) as object,
);

/** A spec valid against the schema, compiled without a warning; counted in `counts`. */
export function check(spec: Spec | null | undefined, where: string, counts: { n: number }): void {
  if (!spec) return;
  const valid = validate(spec);
  expect(valid, `${where}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    info: () => logger,
    debug: () => logger,
    warn: (...args: unknown[]) => (warnings.push(args.map(String).join(" ")), logger),
    error: (...args: unknown[]) => (warnings.push(args.map(String).join(" ")), logger),
  };
  type Options = Parameters<typeof compile>[1];
  const compiled = compile(
    spec as unknown as Parameters<typeof compile>[0],
    {
      logger,
    } as unknown as Options,
  );
  expect(warnings, where).toEqual([]);
  // Vega's expression interpreter, which the dashboard runs, reads datetime(timestamp) as a year.
  expect(JSON.stringify(compiled.spec), where).not.toMatch(/datetime\(-?\d+\)/);
  counts.n++;
}

/** Every x encoding of every layer of a spec, however deeply layered. */
export function xEncodings(spec: Spec): Record<string, unknown>[] {
  const own = (spec.encoding as { x?: Record<string, unknown> } | undefined)?.x;
  const nested = ((spec.layer as Spec[] | undefined) ?? []).flatMap(xEncodings);
  return [...(own && "field" in own ? [own] : []), ...nested];
}

/** The marks of every layer, however deeply layered. */
export function marks(spec: Spec): Record<string, unknown>[] {
  const mark = spec.mark;
  const own = typeof mark === "string" ? [{ type: mark }] : mark ? [mark as Spec] : [];
  return [...own, ...((spec.layer as Spec[] | undefined) ?? []).flatMap(marks)];
}

interface SceneNode {
  text?: unknown;
  items?: SceneNode[];
}

/** Every text of a scene graph (Node guesses text widths, so the SVG may shorten some). */
function texts(node: SceneNode | undefined): string[] {
  if (!node) return [];
  const own = typeof node.text === "string" ? [node.text] : [];
  return [...own, ...(node.items ?? []).flatMap(texts)];
}

/**
 * The spec drawn by Vega in Node, `width` pixels wide as on a page (the charts fill their box;
 * time axes label as many periods as fit): its SVG text and every text of its scene graph.
 */
export async function draw(spec: Spec, width = 900): Promise<{ svg: string; texts: string[] }> {
  type Input = Parameters<typeof compile>[0];
  const sized = { ...spec, width };
  // As the dashboard draws (client/src/charts/render.js): expressions run by Vega's interpreter,
  // whose functions may differ from the compiled ones (e.g. datetime of a timestamp).
  const runtime = parseVega(compile(sized as unknown as Input).spec, undefined, { ast: true });
  const view = new View(runtime, { renderer: "none", expr: expressionInterpreter } as ViewOptions);
  const svg = await view.toSVG();
  const scene = texts((view.scenegraph() as unknown as { root: SceneNode }).root);
  view.finalize();
  return { svg, texts: scene };
}
