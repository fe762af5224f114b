// GET /api/data-sources: what the served snapshot is made of. Per source file: its producer when
// it is one of the shipped samples, its contracts and concessions, and the range of their
// notification and publication dates; and whether the snapshot holds the shipped samples only,
// in which case the dashboard says its figures are not the national picture.
import { basename } from "node:path";
import { Router } from "express";
import type { DataSource, DataSources, Producer } from "../api-types.ts";
import type { AppDeps } from "../deps.ts";
import type { Snapshot } from "../db.ts";
import { rejectUnknownQuery } from "../params.ts";
import { answer } from "../respond.ts";
import { loadSampleFiles, type SampleFiles } from "../sample-files.ts";
import { PerSnapshot } from "../per-snapshot.ts";

type DataSourcesBody = Omit<DataSources, "snapshot_id">;
type DateRange = NonNullable<DataSource["notification_dates"]>;

// The latest run's sources, and any source the contract tables name (there should be none
// other). Concessions have no notification date: their signature date plays that part.
const SQL = `
WITH latest AS (SELECT run_id FROM runs ORDER BY finished_at DESC LIMIT 1),
sources AS (
  SELECT source, format, synthetic, sha256 FROM run_sources
  WHERE run_id = (SELECT run_id FROM latest)
),
c AS (
  SELECT source, count(*) AS n, min(date_notification) AS nf, max(date_notification) AS nl,
         min(date_publication_donnees) AS pf, max(date_publication_donnees) AS pl
  FROM contracts GROUP BY source
),
k AS (
  SELECT source, count(*) AS n, min(date_signature) AS nf, max(date_signature) AS nl,
         min(date_publication_donnees) AS pf, max(date_publication_donnees) AS pl
  FROM concessions GROUP BY source
)
SELECT source, s.format, coalesce(s.synthetic, false) AS synthetic, s.sha256,
       coalesce(c.n, 0) AS contracts, coalesce(k.n, 0) AS concessions,
       strftime(least(c.nf, k.nf), '%Y-%m-%d') AS notified_first,
       strftime(greatest(c.nl, k.nl), '%Y-%m-%d') AS notified_last,
       strftime(least(c.pf, k.pf), '%Y-%m-%d') AS published_first,
       strftime(greatest(c.pl, k.pl), '%Y-%m-%d') AS published_last
FROM sources s FULL JOIN c USING (source) FULL JOIN k USING (source)
ORDER BY source`;

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

function range(first: unknown, last: unknown): DateRange | null {
  const a = text(first);
  const b = text(last);
  return a && b ? { first: a, last: b } : null;
}

function widen(a: DateRange | null, b: DateRange | null): DateRange | null {
  if (!a || !b) return a ?? b;
  return { first: a.first < b.first ? a.first : b.first, last: a.last > b.last ? a.last : b.last };
}

export async function describeSources(
  snapshot: Snapshot,
  samples: SampleFiles,
): Promise<DataSourcesBody> {
  const rows = await snapshot.query(SQL);
  const sources = rows.map((row): DataSource => {
    const source = String(row.source);
    const sha256 = text(row.sha256);
    const sample = sha256 === null ? null : samples.producerOf(basename(source), sha256);
    return {
      source,
      format: text(row.format),
      synthetic: row.synthetic === true,
      shipped_sample: sample !== null,
      producer: sample?.producer ?? null,
      platform: sample?.platform ?? null,
      buyers: sample?.buyers ?? null,
      contracts: Number(row.contracts),
      concessions: Number(row.concessions),
      notification_dates: range(row.notified_first, row.notified_last),
      publication_dates: range(row.published_first, row.published_last),
    };
  });
  const producers = new Map<string, Producer>();
  for (const s of sources) {
    if (!s.producer || !s.platform || !s.buyers) continue;
    const known = producers.get(s.producer);
    producers.set(s.producer, {
      producer: s.producer,
      platform: s.platform,
      buyers: s.buyers,
      files: (known?.files ?? 0) + 1,
      contracts: (known?.contracts ?? 0) + s.contracts,
      concessions: (known?.concessions ?? 0) + s.concessions,
      notification_dates: widen(known?.notification_dates ?? null, s.notification_dates),
      publication_dates: widen(known?.publication_dates ?? null, s.publication_dates),
    });
  }
  return {
    samples_only: sources.length > 0 && sources.every((s) => s.shipped_sample),
    sources,
    producers: [...producers.values()],
  };
}

export function dataSourcesRouter(deps: AppDeps): Router {
  const router = Router();
  // A served snapshot never changes: its answer is kept until another snapshot is served.
  const kept = new PerSnapshot<DataSourcesBody>();
  router.get("/data-sources", async (req, res) => {
    rejectUnknownQuery(req, []);
    await answer<DataSources>(deps, res, async (snapshot) => {
      const body = await kept.of(snapshot, "sources", (shared) =>
        describeSources(shared, loadSampleFiles()),
      );
      return { ...body };
    });
  });
  return router;
}
