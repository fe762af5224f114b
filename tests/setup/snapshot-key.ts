// What the samples' snapshot is made of, as one digest: the code the ETL runs (every module
// etl/pipeline.ts reaches, and every file under etl/, whose SQL is read at run time), the shipped
// data and configuration, the lockfile (DuckDB's version) and this setup with its fixed "today".
// Any change to one of them gives another key, hence a fresh build (tests/setup/samples-snapshot.ts).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildImportGraph, reachableFrom } from "../helpers/import-graph.ts";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const FOLDERS = ["etl", "data/samples", "data/reference", "tests/setup"];
const FILES = [
  "data/sample-producers.json",
  "observatory.config.json",
  "package-lock.json",
  "tests/helpers/test-today.ts",
];

export function snapshotKey(): string {
  const paths = new Set([...FILES, ...etlModules(), ...FOLDERS.flatMap(filesUnder)]);
  const hash = createHash("sha256");
  for (const path of [...paths].sort()) {
    const full = join(ROOT, path);
    // A missing file is part of the key too (its absence changes what the ETL does).
    hash.update(`${path}\0${existsSync(full) ? readFileSync(full).toString("base64") : "-"}\0`);
  }
  return hash.digest("hex").slice(0, 16);
}

/** Every module etl/pipeline.ts imports, directly or not, wherever it lives. */
function etlModules(): string[] {
  const graph = buildImportGraph(ROOT, ["lib", "etl", "indicators", "server"]);
  return [...reachableFrom(graph, "etl/pipeline.ts")];
}

function filesUnder(folder: string): string[] {
  const found: string[] = [];
  const walk = (relative: string): void => {
    const full = join(ROOT, relative);
    if (!existsSync(full)) return;
    if (!statSync(full).isDirectory()) return void found.push(relative);
    for (const name of readdirSync(full)) walk(`${relative}/${name}`);
  };
  walk(folder);
  return found;
}
