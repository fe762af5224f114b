// The indicator answers kept per snapshot and checked request (indicator-service.ts fills it).
import { ResultCache } from "./result-cache.ts";

/**
 * An answer as the cache keeps it: its JSON text only, which the API sends as it is. Keeping the
 * rows as objects too would double the memory of the largest answers (a table per buyer and year
 * of a national snapshot is 150,000 rows); exports parse the text again, once per download.
 */
export interface CachedAnswer {
  body: string;
  snapshotId: string;
}

export type AnswerCache = ResultCache<CachedAnswer>;

/**
 * 256 MB by default: the whole home page of a national snapshot takes about 1 MB. An answer is
 * counted twice its JSON length, as a string may take two bytes a character.
 */
export function createAnswerCache(maxBytes = 256 * 2 ** 20): AnswerCache {
  return new ResultCache<CachedAnswer>(maxBytes, (answer) => answer.body.length * 2);
}
