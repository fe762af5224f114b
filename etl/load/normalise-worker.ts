// A worker thread that parses and normalises batches of raw records and returns their staging
// text, so that a large file is normalised on every core while the main thread reads it.
import { parentPort } from "node:worker_threads";
import { parseRecordText } from "../formats/json-record.ts";
import type { ContainerShape, RecordKind } from "../formats/types.ts";
import { normaliseRecord, type NormalisedRecord } from "../normalise/record.ts";
import { RowBuffer, type StagedText } from "./row-buffer.ts";

export interface BatchRequest {
  id: number;
  shape: ContainerShape;
  today: string;
  sourceIndex: number;
  source: string;
  records: { position: number; kindHint: RecordKind | null; raw: string }[];
}

export interface BatchResult {
  id: number;
  text: StagedText;
  rejected: number;
  formats: string[];
}

parentPort?.on("message", (batch: BatchRequest) => {
  const buffer = new RowBuffer();
  const today = new Date(batch.today);
  const formats = new Set<string>();
  let rejected = 0;
  for (const item of batch.records) {
    const record = { ...item, ...parseRecordText(item.raw) };
    let normalised: NormalisedRecord;
    try {
      normalised = normaliseRecord(record, batch.shape, today);
    } catch (error) {
      normalised = {
        type: "reject",
        kind: item.kindHint,
        reason: `normalisation error: ${(error as Error).message}`,
      };
    }
    if (normalised.type === "reject") rejected++;
    else formats.add(normalised.format);
    buffer.add(normalised, {
      sourceIndex: batch.sourceIndex,
      source: batch.source,
      position: item.position,
      raw: item.raw,
    });
  }
  const result: BatchResult = {
    id: batch.id,
    text: buffer.take(),
    rejected,
    formats: [...formats],
  };
  parentPort?.postMessage(result);
});
