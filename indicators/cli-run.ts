// The analysts' command, with its side effects passed in so tests can run it in-process.
//   npm run --silent indicator -- ID [--by DIM[,DIM]] [--grain year|quarter|month]
//        [--filter DIM=VALUE …] [--db PATH] [--format json|csv] [--sql]
//   npm run --silent indicator -- --list [--format json|csv]
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { openDatabase } from "../lib/duckdb.ts";
import { formatIssue, IndicatorError } from "./compiler/errors.ts";
import { findDefinition, loadCatalogue, type Catalogue } from "./compiler/load.ts";
import { parseRequest } from "./compiler/parse-request.ts";
import { toCsv } from "./csv.ts";
import { compileIndicator, runIndicator } from "./engine.ts";
import { summarise } from "./summary.ts";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Definitions folder (tests); the shipped one by default. */
  definitionsDir?: string;
}

export const USAGE = `usage: npm run --silent indicator -- ID [--by DIM[,DIM]] [--grain year|quarter|month]
         [--filter DIM=VALUE …] [--db PATH] [--format json|csv] [--sql]
       npm run --silent indicator -- --list [--format json|csv]
filters: DIM=V  DIM!=V  DIM<V  DIM<=V  DIM>V  DIM>=V  DIM~V1,V2 (one of)  DIM!~V1,V2 (none of)
`;

/** Runs the command; returns the exit code (0 ok, 1 failure, 2 bad usage or request). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        by: { type: "string", multiple: true },
        grain: { type: "string" },
        filter: { type: "string", multiple: true },
        db: { type: "string" },
        format: { type: "string" },
        list: { type: "boolean" },
        sql: { type: "boolean" },
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) return write(io.stdout, USAGE, 0);
  const format = values.format ?? "json";
  if (format !== "json" && format !== "csv") {
    return write(io.stderr, "error: --format must be json or csv\n", 2);
  }
  const catalogue = loadCatalogue(io.definitionsDir ? { dir: io.definitionsDir } : {});
  for (const issue of catalogue.errors) io.stderr(`warning: ${formatIssue(issue)}\n`);
  if (values.list) return list(catalogue, values.format, io);
  if (positionals.length !== 1)
    return write(io.stderr, `error: give one indicator id\n${USAGE}`, 2);
  try {
    const definition = findDefinition(catalogue, positionals[0] ?? "");
    const query: Record<string, string[]> = {};
    if (values.by) query.by = values.by;
    if (values.grain !== undefined) query.grain = [values.grain];
    if (values.filter) query.filter = values.filter;
    const request = parseRequest(definition, query, catalogue.model);
    if (values.sql) {
      const compiled = compileIndicator(definition, request, { model: catalogue.model }).query;
      return write(
        io.stdout,
        `${compiled.sql};\n-- params: ${JSON.stringify(compiled.params)}\n`,
        0,
      );
    }
    const dbPath = values.db ?? io.env.OBSERVATORY_DB ?? "data/observatory.duckdb";
    if (!existsSync(dbPath)) {
      const message = `error: database not found: ${dbPath} (build it with npm run etl)\n`;
      return write(io.stderr, message, 1);
    }
    const db = await openDatabase(dbPath, { readOnly: true });
    try {
      const result = await runIndicator(db.connection, definition, request, {
        model: catalogue.model,
      });
      if (format === "csv") io.stdout(toCsv(result.columns, result.rows));
      else io.stdout(`${JSON.stringify({ indicator: result.indicator, rows: result.rows })}\n`);
    } finally {
      db.close();
    }
    return 0;
  } catch (error) {
    if (!(error instanceof IndicatorError)) throw error;
    for (const issue of error.issues) io.stderr(`error: ${formatIssue(issue)}\n`);
    return 2;
  }
}

/** Writes and returns the exit code, so each early exit stays one line. */
function write(out: (text: string) => void, text: string, code: number): number {
  out(text);
  return code;
}

function list(catalogue: Catalogue, format: string | undefined, io: CliIo): number {
  const items = catalogue.definitions.map((d) => summarise(d));
  if (format === "json") {
    io.stdout(`${JSON.stringify({ indicators: items, errors: catalogue.errors })}\n`);
  } else if (format === "csv") {
    const columns = ["id", "version", "title", "unit", "requires_format", "polarity", "formula"];
    io.stdout(
      toCsv(
        columns,
        items.map((i) => ({ ...i, thresholds: null, target: null, source: i.source.name })),
      ),
    );
  } else {
    const width = Math.max(...items.map((i) => i.id.length));
    for (const item of items) io.stdout(`${item.id.padEnd(width)}  ${item.title}\n`);
  }
  // A broken shipped definition must not pass unnoticed in scripts.
  return catalogue.errors.length > 0 ? 1 : 0;
}
