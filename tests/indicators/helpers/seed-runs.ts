// The hand-written seed (tests/fixtures/indicators/seed.yaml) as a database, and the indicator
// runs and row lookups the counting-rule tests make on it.
import { afterAll, beforeAll } from "vitest";
import type { Database } from "../../../lib/duckdb.ts";
import { runIndicator } from "../../../indicators/engine.ts";
import { definition } from "./catalogue.ts";
import { seededDatabase } from "./seed-db.ts";

/** Opens the seed before the file's tests, closes it after; `db()` is the open database. */
export function useSeed(): {
  db: () => Database;
  run: (id: string, request?: object) => ReturnType<typeof runIndicator>;
} {
  let db: Database;
  beforeAll(async () => {
    db = await seededDatabase();
  });
  afterAll(() => db.close());
  return {
    db: () => db,
    run: (id, request = {}) => runIndicator(db.connection, definition(id), request),
  };
}

/** The row whose `key` is `value`; throws naming them when there is none. */
export const rowFor = <T extends Record<string, unknown>>(
  rows: T[],
  key: string,
  value: unknown,
): T => {
  const row = rows.find((r) => r[key] === value);
  if (!row) throw new Error(`no row with ${key}=${String(value)}`);
  return row;
};
