// Which sources of a snapshot are the DECP samples shipped in data/samples, and who published
// them (data/sample-producers.json). A source counts as a shipped sample only when its file name
// is listed there and its SHA-256 (recorded by the ETL) equals that of the shipped file: a file
// of the same name from elsewhere, or an edited copy, is not the sample the notice describes.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { SAMPLES_DIR } from "../etl/pipeline.ts";

export const PRODUCERS_FILE = fileURLToPath(
  new URL("../data/sample-producers.json", import.meta.url),
);

const ProducersFile = z.object({
  files: z.record(
    z.string(),
    z.object({ producer: z.string(), platform: z.string(), buyers: z.string() }),
  ),
});

export interface SampleProducer {
  /** The key of data/sample-producers.json: a file name, or a glob with `*` for a series. */
  key: string;
  producer: string;
  platform: string;
  buyers: string;
}

export interface SampleFiles {
  /** The producer of a shipped sample, by the SHA-256 of its bytes and its file name. */
  producerOf(fileName: string, sha256: string): SampleProducer | null;
}

function globPattern(key: string): RegExp {
  const escaped = key.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replaceAll("*", "[^/]*");
  return new RegExp(`^${escaped}$`);
}

/** The digests of the files in the samples folder, recomputed only when a file changed. */
const digests = new Map<string, { stamp: string; sha256: string }>();

function sha256Of(path: string): string | null {
  let stamp: string;
  try {
    const stat = statSync(path);
    stamp = `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return null;
  }
  const known = digests.get(path);
  if (known?.stamp === stamp) return known.sha256;
  const sha256 = createHash("sha256").update(readFileSync(path)).digest("hex");
  digests.set(path, { stamp, sha256 });
  return sha256;
}

/** Reads the producers list and the shipped samples' folder (both as they are now). */
export function loadSampleFiles(
  producersFile = PRODUCERS_FILE,
  samplesDir = SAMPLES_DIR,
): SampleFiles {
  const parsed = ProducersFile.parse(JSON.parse(readFileSync(producersFile, "utf8")));
  const producers = Object.entries(parsed.files).map(([key, entry]) => ({
    ...entry,
    key,
    pattern: globPattern(key),
  }));
  const shipped = new Set(readdirSync(samplesDir));
  return {
    producerOf(fileName, sha256) {
      if (!shipped.has(fileName)) return null;
      const entry = producers.find((p) => p.pattern.test(fileName));
      if (!entry || sha256Of(join(samplesDir, fileName)) !== sha256) return null;
      return {
        key: entry.key,
        producer: entry.producer,
        platform: entry.platform,
        buyers: entry.buyers,
      };
    },
  };
}
