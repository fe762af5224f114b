// Runs a handler's queries on one snapshot and sends the JSON answer stamped with its id (in the
// body and in the X-Snapshot-Id header), so a client always knows which data it is looking at.
// `answer` reads tables: it runs in the query queue (admission.ts), its queries stopped if the
// client leaves. `answerLight` reads none (health, catalogue, runs): it never waits for anything.
import type { Response } from "express";
import type { AppDeps } from "./deps.ts";
import type { Snapshot, SnapshotInfo } from "./db.ts";
import { runHeavy } from "./work.ts";

type Built<Body> = Omit<Body, "snapshot_id"> & Record<string, unknown>;

/** `Body`: the answer's type (api-types.ts), when the route builds it typed. */
export async function answer<Body extends { snapshot_id: string } = { snapshot_id: string }>(
  deps: AppDeps,
  res: Response,
  build: (snapshot: Snapshot) => Promise<Built<Body>>,
): Promise<void> {
  const { id, body } = await runHeavy(deps.work, "queries", res, (signal) =>
    deps.snapshots.use(
      async (snapshot) => ({ id: snapshot.info.id, body: await build(snapshot) }),
      signal,
    ),
  );
  send(res, id, body);
}

export async function answerLight<Body extends { snapshot_id: string } = { snapshot_id: string }>(
  deps: AppDeps,
  res: Response,
  build: (snapshot: { info: SnapshotInfo; key: string }) => Promise<Built<Body>>,
): Promise<void> {
  const current = await deps.snapshots.current();
  send(res, current.info.id, await build(current));
}

function send(res: Response, id: string, body: Record<string, unknown>): void {
  res.setHeader("X-Snapshot-Id", id);
  res.json({ snapshot_id: id, ...body });
}
