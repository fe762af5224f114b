// What the server works out once per served snapshot and keeps until another one is served: a
// snapshot never changes, so its dimension counts, the columns its sources fill or its data
// sources' description are the same for every request that reads it. Requests that arrive while
// a value is computed wait for the same computation, which is therefore not tied to the first
// request's signal (its client leaving must not fail the others); a failed computation is not
// kept, so the next request computes again.
import { queryAll } from "../lib/query-stream.ts";
import type { Snapshot } from "./db.ts";

/** The snapshot as a computation shared by several requests reads it: no client's signal. */
function shared(snapshot: Snapshot): Snapshot {
  const { info, key, format, outdated, connection } = snapshot;
  return {
    info,
    key,
    format,
    outdated,
    connection,
    query: (sql, params) => queryAll(connection, sql, params),
  };
}

export class PerSnapshot<T> {
  private snapshotKey: string | null = null;
  private values = new Map<string, Promise<T>>();

  /** The value called `name` for `snapshot`, computed by `compute` the first time it is asked. */
  of(snapshot: Snapshot, name: string, compute: (snapshot: Snapshot) => Promise<T>): Promise<T> {
    if (this.snapshotKey !== snapshot.key) {
      this.snapshotKey = snapshot.key;
      this.values = new Map();
    }
    const values = this.values;
    let value = values.get(name);
    if (!value) {
      const computed = compute(shared(snapshot));
      computed.catch(() => {
        if (values.get(name) === computed) values.delete(name);
      });
      values.set(name, computed);
      value = computed;
    }
    return value;
  }
}
