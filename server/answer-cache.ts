// The indicator answers kept per snapshot and checked request (indicator-service.ts fills it).
import type { AnswerBytes } from "./answer-body.ts";
import { ResultCache } from "./result-cache.ts";

/**
 * An answer as the cache keeps it: its JSON bytes only (in pieces), which the API sends as they are. Keeping
 * the rows as objects too would multiply the memory of the largest answers (a table per buyer and
 * year of a national snapshot is 150,000 rows); bytes live outside the JavaScript heap.
 */
export interface CachedAnswer {
  body: AnswerBytes;
  snapshotId: string;
}

export type AnswerCache = ResultCache<CachedAnswer>;

/** 256 MB by default: the whole home page of a national snapshot takes about 1 MB. */
export function createAnswerCache(maxBytes = 256 * 2 ** 20): AnswerCache {
  return new ResultCache<CachedAnswer>(maxBytes, (answer) => answer.body.length);
}
