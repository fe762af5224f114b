// The files of a data.gouv.fr dataset, listed by its API (GET /datasets/{id}/ → resources[]), kept
// when their title or file name matches the source's pattern.
import { z } from "zod";
import type { RefreshConfig, SourceConfig } from "./config.ts";

const Dataset = z.object({
  resources: z.array(
    z.object({ id: z.string(), title: z.string().nullish(), url: z.string() }).loose(),
  ),
});

export async function resolveDatagouv(
  config: RefreshConfig,
  source: SourceConfig,
): Promise<{ key: string; url: string }[]> {
  if (!("datagouv" in source)) return [];
  const { dataset, match } = source.datagouv;
  const api = `${config.datagouvApi.replace(/\/$/, "")}/datasets/${dataset}/`;
  const response = await fetch(api, {
    signal: AbortSignal.timeout(config.download.idleTimeoutSeconds * 1000),
  });
  if (!response.ok) throw new Error(`${api}: HTTP ${response.status} ${response.statusText}`);
  const parsed = Dataset.safeParse(await response.json());
  if (!parsed.success) throw new Error(`${api}: unexpected answer (no resources list)`);
  const pattern = new RegExp(match);
  const chosen = parsed.data.resources.filter(
    (r) => pattern.test(r.title ?? "") || pattern.test(r.url.split("/").pop() ?? ""),
  );
  if (chosen.length === 0) throw new Error(`${api}: no resource matches /${match}/`);
  return chosen.map((r) => ({ key: r.id.replace(/[^a-zA-Z0-9_-]/g, "_"), url: r.url }));
}
