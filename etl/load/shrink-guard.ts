// A run must not empty or shrink the observatory by surprise: a source that yields nothing (an
// empty list, a page that is not DECP, a million `{}`) still builds a valid, empty snapshot. Before
// the new snapshot is installed, its contracts are compared with those of the snapshot served now;
// a fall to zero, or a drop by more than the allowed share, fails the run with that reason (the
// served snapshot stays) unless the operator forces it (`npm run etl -- --force`).
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import { sqlString } from "./sql-script.ts";

/** A refresh may lose at most half the served contracts (observatory.config.json maxContractDrop). */
export const DEFAULT_MAX_CONTRACT_DROP = 0.5;

export interface ShrinkGuardOptions {
  /** Share (0–1) of the served contracts a run may lose; more fails the run. */
  maxDrop: number;
  /** Install whatever the counts (the operator said so). */
  force: boolean;
}

/**
 * The served snapshot's contracts, read through the build's connection (the caller gives null
 * when there is no file); "foreign" when the file is not an observatory snapshot.
 */
export async function servedContracts(
  connection: DuckDBConnection,
  servedDb: string,
): Promise<number | "foreign"> {
  try {
    await connection.run(`ATTACH ${sqlString(servedDb)} AS served (READ_ONLY)`);
    const [row] = await queryRows(connection, "SELECT count(*) AS n FROM served.contracts");
    return Number(row?.n ?? 0);
  } catch {
    // Not a snapshot: a file of something else (a --db given by mistake), or a damaged one. It is
    // not replaced unless forced: it may be someone's data, and it is kept nowhere else.
    return "foreign";
  } finally {
    await connection.run("DETACH DATABASE IF EXISTS served").catch(() => undefined);
  }
}

/** Why the new snapshot must not replace the served one, or null when it may. */
export function shrinkRefusal(
  served: number | "foreign" | null,
  built: number,
  maxDrop: number,
): string | null {
  if (served === "foreign") {
    return "the file at the database's place is not an observatory snapshot (no table of contracts can be read from it): not replaced; give another --db, or run with --force to replace it";
  }
  if (served === null || served === 0) return null;
  if (built === 0) {
    return `the new snapshot has no contract (the served one has ${served}): not installed; check the sources, or run with --force to install it anyway`;
  }
  const drop = (served - built) / served;
  if (drop <= maxDrop) return null;
  const percent = (share: number) => `${Math.round(share * 1000) / 10} %`;
  return `the new snapshot has ${built} contracts, ${percent(drop)} fewer than the ${served} served (the limit is ${percent(maxDrop)}, maxContractDrop): not installed; check the sources, or run with --force to install it anyway`;
}

/** Throws the refusal unless forced; a forced install is logged. */
export function checkShrink(
  served: number | "foreign" | null,
  built: number,
  options: ShrinkGuardOptions,
  log: (line: string) => void,
): void {
  const refusal = shrinkRefusal(served, built, options.maxDrop);
  if (refusal === null) return;
  if (!options.force) throw new Error(refusal);
  log(`warning: forced install: ${refusal.replace(/: not installed.*$/, "")}`);
}
