// The party_names table: every name a search reads, folded and keyed once when the snapshot is
// built (lib/party-names.ts says how), so that a search scans short ready-made strings instead of
// folding every published name at every keystroke. At 1.5 M contracts a supplier search took
// about 1.8 s to find its hits, 0.8 s of them folding the 1.75 M published names
// (bench/results.md, « Name search »). Built after the who's who, whose names it reads, with the
// party_directory a search ranks its finds by (lib/party-directory.ts).
import type { DuckDBConnection } from "@duckdb/node-api";
import { PARTY_DIRECTORY_INSERTS } from "../../lib/party-directory.ts";
import { PARTY_NAMES, partyNamesInserts } from "../../lib/party-names.ts";

export async function buildPartyNames(connection: DuckDBConnection): Promise<void> {
  for (const names of Object.values(PARTY_NAMES)) {
    for (const { sql, params } of partyNamesInserts(names)) await connection.run(sql, params);
    await connection.run(PARTY_DIRECTORY_INSERTS[names.kind]);
  }
}
