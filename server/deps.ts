// What the application is built from (createApp in app.ts). Apart from app.ts so that the routes,
// which take these dependencies, never import the application that mounts them.
import type { Catalogue } from "../indicators/index.ts";
import type { ThrottleOptions } from "./admin-guard.ts";
import type { SpaserCatalogue } from "../indicators/plans/load.ts";
import type { AnswerCache } from "./answer-cache.ts";
import type { SnapshotCardinalities } from "./answer-limits.ts";
import type { SnapshotProvider } from "./db.ts";
import type { SnapshotReferences } from "./reference-codes.ts";
import type { RefreshControl } from "./refresh.ts";
import type { Work } from "./work.ts";

export interface AppDeps {
  snapshots: SnapshotProvider;
  catalogue: Catalogue;
  /** SPASER targets (indicators/spaser/): buyers' plans and the national defaults. */
  plans: SpaserCatalogue;
  /** "Now" for generated_at stamps; fixed in tests. */
  clock: () => Date;
  log?: (line: string) => void;
  /** The queues of heavy work and the limits of a request (limits.ts). */
  work: Work;
  /** Each dimension's number of values in the served snapshot, for the breakdown limit. */
  cardinalities: SnapshotCardinalities;
  /** The served snapshot's codes of régions and départements, so that unknown ones are refused. */
  references: SnapshotReferences;
  /** The refresh service (schedule, history, manual trigger); absent in some tests. */
  refresh?: RefreshControl;
  /** Bearer token of POST /api/admin/refresh; without it the endpoint is off. */
  adminToken?: string;
  /** Wrong admin tokens allowed per address and window (admin-guard.ts; tests use tiny ones). */
  adminThrottle?: ThrottleOptions;
  /** Indicator answers per snapshot and request; without it every request is computed. */
  answers?: AnswerCache;
  /** Told of each snapshot answering, so that its home page answers get computed ahead. */
  warmer?: { notice(snapshotKey: string): void };
}
