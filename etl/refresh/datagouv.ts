// The files of a data.gouv.fr dataset, listed by its API (GET /datasets/{id}/ → resources[]), kept
// when their title or file name matches the source's pattern and their format is one the source
// takes. A producer's dataset (named by code or id, producers.ts) gives its JSON and XML files.
import { z } from "zod";
import type { RefreshConfig, SourceConfig } from "./config.ts";
import { findProducer } from "./producers.ts";

const Dataset = z.object({
  resources: z.array(
    z
      .object({
        id: z.string(),
        title: z.string().nullish(),
        url: z.string(),
        format: z.string().nullish(),
      })
      .loose(),
  ),
});

/** The formats of a producer's DECP files (decp-processing takes the same). */
const PRODUCER_FORMATS = ["json", "xml"];

interface Choice {
  dataset: string;
  match?: string;
  formats?: string[];
}

function choiceOf(source: SourceConfig): Choice | null {
  if ("datagouv" in source) {
    const { dataset, match, resourceFormats } = source.datagouv;
    return { dataset, match, formats: resourceFormats };
  }
  if ("producer" in source) {
    const producer = findProducer(source.producer);
    if (!producer) throw new Error(`unknown producer ${source.producer}`);
    return { dataset: producer.id, match: source.match, formats: PRODUCER_FORMATS };
  }
  return null;
}

export async function resolveDatagouv(
  config: RefreshConfig,
  source: SourceConfig,
): Promise<{ key: string; url: string }[]> {
  const choice = choiceOf(source);
  if (choice === null) return [];
  const api = `${config.datagouvApi.replace(/\/$/, "")}/datasets/${choice.dataset}/`;
  const response = await fetch(api, {
    signal: AbortSignal.timeout(config.download.idleTimeoutSeconds * 1000),
  });
  if (!response.ok) throw new Error(`${api}: HTTP ${response.status} ${response.statusText}`);
  const parsed = Dataset.safeParse(await response.json());
  if (!parsed.success) throw new Error(`${api}: unexpected answer (no resources list)`);
  const pattern = choice.match === undefined ? null : new RegExp(choice.match);
  const formats = choice.formats?.map((f) => f.toLowerCase());
  const chosen = parsed.data.resources.filter(
    (r) =>
      (pattern === null ||
        pattern.test(r.title ?? "") ||
        pattern.test(r.url.split("/").pop() ?? "")) &&
      (formats === undefined || formats.includes((r.format ?? "").toLowerCase())),
  );
  if (chosen.length === 0) {
    const wanted = [
      choice.match === undefined ? null : `/${choice.match}/`,
      formats === undefined ? null : `format ${formats.join(" or ")}`,
    ].filter((w) => w !== null);
    throw new Error(`${api}: no resource matches ${wanted.join(" and ")}`);
  }
  return chosen.map((r) => ({ key: r.id.replace(/[^a-zA-Z0-9_-]/g, "_"), url: r.url }));
}
