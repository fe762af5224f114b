// Loads one reference file into its staging table. The layout is told by the content (ZIP, gzip,
// Parquet magic bytes, else CSV), never by the name; columns are chosen by name (layouts.ts). A
// SIRENE stock is read as a stream with a semi-join on the SIRENs or SIRETs of the DECP
// (want_siren / want_siret), so a national file of several GB never sits in memory: DuckDB keeps
// only the matching rows.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, rm } from "node:fs/promises";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import { sqlString } from "../load/sql-script.ts";
import type { ReferenceInput, ReferenceReport } from "./kinds.ts";
import { LAYOUTS, type Layout } from "./layouts.ts";
import { extractCsvEntry } from "./unzip.ts";

type Syntax = "csv" | "csv-gzip" | "csv-zip" | "parquet" | "json";

export async function loadReference(
  connection: DuckDBConnection,
  input: ReferenceInput,
  rank: number,
  workDir: string,
): Promise<ReferenceReport> {
  const started = Date.now();
  const stats = await hashFile(input.path);
  const syntax = await detectSyntax(input.path);
  let path = input.path;
  let extracted: string | null = null;
  try {
    if (syntax === "csv-zip") {
      extracted = join(workDir, `reference-${rank}.csv`);
      await extractCsvEntry(input.path, extracted);
      path = extracted;
    }
    const origin = `${input.kind.startsWith("sirene") ? "sirene" : "collectivites"}:${input.name}`;
    let kept: number;
    if (input.kind === "legal_categories") {
      if (syntax !== "json") throw new Error(`${input.name}: legal categories must be JSON`);
      kept = await loadLegalCategories(connection, path, rank, input.name);
    } else {
      if (syntax === "json")
        throw new Error(`${input.name}: a ${input.kind} file is CSV or Parquet`);
      const reader =
        syntax === "parquet"
          ? `read_parquet(${sqlString(path)})`
          : `read_csv(${sqlString(path)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"'${
              syntax === "csv-gzip" ? ", compression = 'gzip'" : ""
            })`;
      kept = await loadTable(connection, LAYOUTS[input.kind], reader, rank, origin, input.name);
    }
    return {
      id: input.id,
      kind: input.kind,
      source: input.name,
      layout: syntax,
      ...stats,
      rows_kept: kept,
      duration_ms: Date.now() - started,
    };
  } finally {
    if (extracted) await rm(extracted, { force: true });
  }
}

async function loadTable(
  connection: DuckDBConnection,
  layout: Layout,
  reader: string,
  rank: number,
  origin: string,
  name: string,
): Promise<number> {
  const described = await queryRows(connection, `DESCRIBE SELECT * FROM ${reader}`);
  const present = new Set(described.map((row) => String(row.column_name)));
  const col = (column: string) =>
    `nullif(trim(CAST("${column.replace(/"/g, '""')}" AS VARCHAR)), '')`;
  const select: string[] = [];
  for (const [target, candidates] of Object.entries(layout.columns)) {
    const chosen = candidates.find((c) => c.needs.every((n) => present.has(n)));
    if (!chosen && layout.key && target === layout.key.column) {
      throw new Error(`${name}: no ${target} column (columns: ${[...present].join(", ")})`);
    }
    select.push(chosen ? `${chosen.sql(col)} AS ${target}` : `NULL AS ${target}`);
  }
  const keyFilter = layout.key
    ? `WHERE ${layout.key.column} IN (SELECT id FROM want_${layout.key.wanted})`
    : "";
  const before = await countRows(connection, layout.table);
  await connection.run(
    `INSERT INTO ${layout.table} SELECT $rank, $origin, * FROM (SELECT ${select.join(", ")} FROM ${reader}) ${keyFilter}`,
    { rank, origin },
  );
  return (await countRows(connection, layout.table)) - before;
}

async function loadLegalCategories(
  connection: DuckDBConnection,
  path: string,
  rank: number,
  name: string,
): Promise<number> {
  const before = await countRows(connection, "src_legal_categories");
  await connection.run(
    `INSERT INTO src_legal_categories
     SELECT $rank, $origin, key, trim(value)
     FROM (SELECT unnest(json_keys(j)) AS key, j->>key AS value
           FROM (SELECT json(content) AS j FROM read_text(${sqlString(path)})))`,
    { rank, origin: `sirene:${name}` },
  );
  return (await countRows(connection, "src_legal_categories")) - before;
}

async function countRows(connection: DuckDBConnection, table: string): Promise<number> {
  const [row] = await queryRows(connection, `SELECT count(*) AS n FROM ${table}`);
  return Number(row.n);
}

async function detectSyntax(path: string): Promise<Syntax> {
  const file = await open(path, "r");
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await file.read(head, 0, 4, 0);
    if (bytesRead >= 4 && head.readUInt32LE(0) === 0x04034b50) return "csv-zip";
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "csv-gzip";
    if (bytesRead >= 4 && head.toString("latin1") === "PAR1") return "parquet";
    const first = head
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trimStart()[0];
    return first === "{" ? "json" : "csv";
  } finally {
    await file.close();
  }
}

async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest("hex") };
}
