// A CSV or Parquet source in a run: DuckDB groups its rows into records (read-tabular.ts), the
// one normaliser reads them as it reads a producer's JSON file (shape "tabular"), and the files
// of the snapshot tables the rows also feed (rejected rows, the feed's own columns) join the
// run's staging files.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import {
  normaliseStream,
  type NormaliseContext,
  type Normalised,
} from "../load/normalise-source.ts";
import type { Sniffed } from "./detect.ts";
import { readTabular } from "./read-tabular.ts";
import type { TabularStats } from "./stats.ts";

export const TABULAR_SYNTAXES = ["csv", "parquet"] as const;
export type TabularSyntax = (typeof TABULAR_SYNTAXES)[number];

export interface TabularSource {
  normalised: Normalised;
  file: { bytes: number; sha256: string; synthetic: boolean };
  /** "v1+v2 CSV decp-info": the DECP formats found, the container and the dialect. */
  format: string;
  stats: TabularStats;
}

export async function readTabularSource(
  path: string,
  sniffed: Sniffed,
  workDir: string,
  context: Omit<NormaliseContext, "shape">,
): Promise<TabularSource> {
  const read = await readTabular(path, context.name, context.index, sniffed, workDir, context.log, {
    maxLineBytes: context.maxRecordBytes,
  });
  const { files } = read;
  context.staging.include("rejects", files.rejects);
  context.staging.include("feed_contracts", files.feedContracts);
  context.staging.include("feed_titulaires", files.feedTitulaires);
  let size = 0;
  for (const part of files.records) size += (await stat(part)).size;
  let bytes = 0;
  const stream = Readable.from(
    (async function* () {
      for (const part of files.records) {
        for await (const chunk of createReadStream(part, { highWaterMark: 1 << 20 })) {
          bytes += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
      }
    })(),
    { objectMode: false },
  );
  const normalised = await normaliseStream(
    { syntax: "ndjson", size, stream, bytesRead: () => bytes },
    { ...context, shape: "tabular" },
  );
  const formats = [...normalised.formats].sort().join("+");
  const container = read.stats.container.toUpperCase();
  return {
    normalised,
    file: { bytes: read.bytes, sha256: read.sha256, synthetic: read.synthetic },
    format: `${formats !== "" ? `${formats} ` : ""}${container} ${read.stats.dialect}`,
    stats: read.stats,
  };
}
