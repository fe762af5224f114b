// Computes the dashboard home page's answers as soon as a snapshot is served, so that the first
// visitor after a refresh gets cached answers too. On a national snapshot the home page asks for
// about fifty indicator answers; computed cold they take seconds, cached a few milliseconds.
import type { Request } from "express";
import { shapeOf, type Catalogue } from "../indicators/index.ts";
import type { AppDeps } from "./deps.ts";
import { runForApi } from "./indicator-service.ts";

export interface WarmRequest {
  id: string;
  query: Request["query"];
}

/**
 * What the home page asks for (client/src/components/card.js, with no filter set): every card's
 * headline figure, and its yearly trend where the indicator has one (never for a partition).
 */
export function homePageRequests(catalogue: Catalogue): WarmRequest[] {
  return catalogue.definitions.flatMap((d) => {
    // No card trend for a partition (one row per entity and year): see card.js.
    const trend = shapeOf(d).shape !== "partition" && d.breakdowns.includes("year");
    return [{ id: d.id, query: {} }, ...(trend ? [{ id: d.id, query: { by: "year" } }] : [])];
  });
}

/**
 * Warms the answer cache once per snapshot, one request at a time in the query queue (it must not
 * crowd users out), and pins the answers there.
 */
export class CacheWarmer {
  private warmed: string | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly deps: AppDeps,
    private readonly requests: WarmRequest[],
    private readonly log: (line: string) => void,
  ) {}

  /** Starts warming if this snapshot has not been warmed yet; never throws. */
  notice(snapshotKey: string): void {
    if (this.warmed === snapshotKey || this.running || this.stopped) return;
    this.warmed = snapshotKey;
    this.running = this.warm(snapshotKey).finally(() => (this.running = null));
  }

  /** Resolves when the current warming (if any) ends: for tests and the benchmark. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** No more warming; resolves once the request being computed (if any) is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async warm(snapshotKey: string): Promise<void> {
    const started = performance.now();
    let failed = 0;
    // The previous snapshot's answers are asked for no more: large answers may push them out.
    this.deps.answers?.unpinAll();
    for (const { id, query } of this.requests) {
      if (this.stopped) return;
      try {
        // Pinned: the home page stays cached whatever large answers visitors ask for.
        const answer = await runForApi(this.deps, id, query, { warming: true });
        // A newer snapshot arrived meanwhile: the next request will warm that one.
        if (answer.snapshotKey !== snapshotKey) {
          this.warmed = null;
          return;
        }
      } catch (error) {
        failed++;
        this.log(`cache warming: ${id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    this.log(
      `home page answers of snapshot ${snapshotKey} computed in ${seconds} s` +
        (failed > 0 ? ` (${failed} failed)` : ""),
    );
  }
}
