// One export: the indicator's rows streamed from DuckDB, a chunk at a time, into a temporary file
// in the requested format, within the export's row limit. The file is complete before anything
// is sent, so a limit met halfway is still a clean JSON error; the route then streams the file
// and removes it. An aborted signal (client gone, time limit) interrupts DuckDB and the writing.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import {
  describeColumns,
  streamIndicator,
  type IndicatorDefinition,
  type IndicatorRequest,
} from "../../indicators/index.ts";
import type { ExportFormatName } from "../api-schemas/indicators.ts";
import type { AnswerHead } from "../answer-body.ts";
import { checkBreakdown, exportRowLimit, exportTooLarge } from "../answer-limits.ts";
import type { Snapshot } from "../db.ts";
import type { AppDeps } from "../deps.ts";
import { describeIndicator } from "../indicator-view.ts";
import { csvHeader, csvLines, EXCEL_FR, PLAIN } from "./csv.ts";
import { writeParquet } from "./parquet.ts";
import {
  exportColumns,
  exportMetadata,
  exportRows,
  type ExportColumn,
  type ExportValue,
  type MetadataEntry,
} from "./table.ts";
import { writeXlsx } from "./xlsx.ts";

type Rows = AsyncIterable<ExportValue[][]>;

interface FileWriter {
  /** Spreadsheets get French words for flags and booleans; data tools get stable codes. */
  french: boolean;
  write(
    file: string,
    columns: ExportColumn[],
    metadata: MetadataEntry[],
    rows: Rows,
  ): Promise<void>;
}

async function writeText(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, "drain");
}

/**
 * Writes `file` with `fill`, which writes to the stream it is given and ends it. The stream's
 * errors are heard from its opening to its closing: when `fill` fails (an export over its row
 * limit, refused after its first lines), the file is abandoned while a write may still be in
 * flight, and the error that write then reports had no listener and took the server down.
 */
async function writeFileWith(file: string, fill: (out: Writable) => Promise<void>): Promise<void> {
  const out = createWriteStream(file);
  const closed = finished(out);
  // Awaited below; until then its rejection is not an unhandled one.
  closed.catch(() => undefined);
  try {
    await fill(out);
    await closed;
  } catch (error) {
    out.destroy();
    // The error worth reporting is the first one; closing the abandoned file may add another.
    await closed.catch(() => undefined);
    throw error;
  }
}

function csvWriter(dialect: typeof EXCEL_FR): FileWriter["write"] {
  return (file, columns, _metadata, rows) =>
    writeFileWith(file, async (out) => {
      await writeText(out, csvHeader(columns, dialect));
      for await (const chunk of rows) await writeText(out, csvLines(chunk, columns, dialect));
      out.end();
    });
}

export const FILE_WRITERS: Record<ExportFormatName, FileWriter> = {
  csv_excel: { french: true, write: csvWriter(EXCEL_FR) },
  csv: { french: false, write: csvWriter(PLAIN) },
  xlsx: {
    french: true,
    write: (file, columns, metadata, rows) =>
      writeFileWith(file, (out) => writeXlsx(out, columns, metadata, rows)),
  },
  parquet: { french: false, write: writeParquet },
};

export interface ExportFile {
  /** The temporary file; remove its folder (`dir`) once sent. */
  path: string;
  dir: string;
  bytes: number;
  head: AnswerHead;
}

export async function writeExport(
  deps: AppDeps,
  snapshot: Snapshot,
  definition: IndicatorDefinition,
  request: IndicatorRequest,
  format: ExportFormatName,
  requestUrl: string,
  signal: AbortSignal,
): Promise<ExportFile> {
  const { model } = deps.catalogue;
  const limits = deps.work.limits;
  const writer = FILE_WRITERS[format];
  const stream = streamIndicator(snapshot.connection, definition, request, { model, signal });
  await checkBreakdown(snapshot, deps.cardinalities, stream.plan, stream.request, limits);
  const maxRows = exportRowLimit(format, limits);
  const head: AnswerHead = {
    snapshot_id: snapshot.info.id,
    snapshot: snapshot.info,
    generated_at: deps.clock().toISOString(),
    definition_version: definition.version,
    indicator: describeIndicator(definition, model),
    request: stream.request,
    columns: describeColumns(definition, stream.columns, model),
  };
  // Counted as they come: the bound of the breakdown only says when a file surely fits.
  async function* rows(): Rows {
    let count = 0;
    for await (const chunk of stream.rows) {
      count += chunk.length;
      if (count > maxRows) throw exportTooLarge(format, limits);
      yield exportRows(head, chunk, writer.french);
    }
  }
  const dir = await mkdtemp(join(tmpdir(), "observatory-export-"));
  const path = join(dir, `export.${format}`);
  try {
    const columns = exportColumns(head, writer.french);
    await writer.write(
      path,
      columns,
      exportMetadata(head, model, requestUrl, writer.french),
      rows(),
    );
    return { path, dir, bytes: (await stat(path)).size, head };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
