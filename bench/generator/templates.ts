// Real records of the shipped samples, used as templates: a generated contract copies the shape,
// field correlations and value distributions of a real one (procedure, nature, CPV, considerations,
// offers, modifications, …) and gets new identities, dates and amounts.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isFictitiousTestRecord } from "../../etl/normalise/fictitious-records.ts";

export type Json = Record<string, unknown>;

export interface Templates {
  v1: Json[];
  v2: Json[];
}

export function loadTemplates(samplesDir: string): Templates {
  const v1: Json[] = [];
  const v2: Json[] = [];
  for (const name of readdirSync(samplesDir).sort()) {
    if (!name.startsWith("real-v") || !name.endsWith(".json")) continue;
    const data = JSON.parse(readFileSync(join(samplesDir, name), "utf8")) as { marches: unknown };
    if (Array.isArray(data.marches)) {
      for (const r of data.marches as Json[])
        if (
          r._type !== "Contrat de concession" &&
          r.acheteur &&
          r.id &&
          !isFictitiousTestRecord(r)
        ) {
          v1.push(r);
        }
    } else {
      for (const r of (data.marches as { marche?: Json[] }).marche ?? []) v2.push(r);
    }
  }
  return { v1, v2 };
}
