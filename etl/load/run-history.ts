// The history of every run, failed ones included, beside the database (<db>.runs.jsonl): a failed
// run produces no snapshot, so its record cannot live in one. One JSON object per line, appended
// in one write; a line torn by a crash is skipped when read.
import { existsSync, readFileSync } from "node:fs";
import { appendFile } from "node:fs/promises";

export function historyPath(dbPath: string): string {
  return `${dbPath}.runs.jsonl`;
}

export async function appendRun(dbPath: string, run: object): Promise<void> {
  await appendFile(historyPath(dbPath), JSON.stringify(run) + "\n");
}

/** All runs, oldest first. */
export function readRuns<T = Record<string, unknown>>(dbPath: string): T[] {
  const path = historyPath(dbPath);
  if (!existsSync(path)) return [];
  const runs: T[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    try {
      runs.push(JSON.parse(line) as T);
    } catch {
      // a line cut by a crash mid-write: the run it described never finished writing its record
    }
  }
  return runs;
}
