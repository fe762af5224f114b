// Runs a handler's queries on one snapshot and sends the JSON answer stamped with its id (in the
// body and in the X-Snapshot-Id header), so a client always knows which data it is looking at.
import type { Response } from "express";
import type { AppDeps } from "./deps.ts";
import type { Snapshot } from "./db.ts";

/** `Body`: the answer's type (api-types.ts), when the route builds it typed. */
export async function answer<Body extends { snapshot_id: string } = { snapshot_id: string }>(
  deps: AppDeps,
  res: Response,
  build: (snapshot: Snapshot) => Promise<Omit<Body, "snapshot_id"> & Record<string, unknown>>,
): Promise<void> {
  const { id, body } = await deps.snapshots.use(async (snapshot) => ({
    id: snapshot.info.id,
    body: await build(snapshot),
  }));
  res.setHeader("X-Snapshot-Id", id);
  res.json({ snapshot_id: id, ...body });
}
