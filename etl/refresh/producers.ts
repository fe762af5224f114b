// The producer datasets a refresh source can name by code or id: the list the community
// consolidation behind decp.info follows (data/reference/decp-source-datasets.json, copied from
// ColinMaudry/decp-processing with its provenance in data/reference/README.md).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const LIST = fileURLToPath(
  new URL("../../data/reference/decp-source-datasets.json", import.meta.url),
);

const Producer = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string(),
  owner_org_name: z.string().optional(),
  deleted_date: z.string().optional(),
  skip: z.boolean().optional(),
});
export type Producer = z.infer<typeof Producer>;

let producers: Producer[] | null = null;

export function listProducers(): Producer[] {
  producers ??= z.array(Producer).parse(JSON.parse(readFileSync(LIST, "utf8")));
  return producers;
}

/** The producer named by its code or its data.gouv.fr dataset id, or undefined. */
export function findProducer(name: string): Producer | undefined {
  return listProducers().find((p) => p.code === name || p.id === name);
}

/** Why a producer cannot be followed (unknown, deleted), or nothing. */
export function producerProblem(name: string): string[] {
  const producer = findProducer(name);
  if (!producer) {
    return [`"${name}" is neither a code nor an id of data/reference/decp-source-datasets.json`];
  }
  if (producer.deleted_date) {
    return [
      `${producer.code} (${producer.name}) was deleted from data.gouv.fr on ${producer.deleted_date}`,
    ];
  }
  return [];
}
