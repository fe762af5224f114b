// A placeholder party id (00000000000000: lib/party-ids.ts) carries the names of several real
// buyers or « SANS SUITE » records: the most frequent of them would pass for the party's own
// name. Wherever a look-up shows a party's name, such an id is called « Acheteur non identifié »
// or « Titulaire non identifié » instead, and its pages say it identifies no one.
import type { JsonValue, Row } from "../../lib/duckdb.ts";
import { isPlaceholderPartyId, UNIDENTIFIED_PARTY } from "../../lib/party-ids.ts";

export type PartyKind = keyof typeof UNIDENTIFIED_PARTY;

/** Whether the id names a party (false for a placeholder such as 00000000000000). */
export function identifiesParty(id: JsonValue | undefined): boolean {
  return !(typeof id === "string" && isPlaceholderPartyId(id));
}

/** The row with `names` set to the unidentified label when its `idColumn` is a placeholder. */
export function namedParty(
  row: Row,
  kind: PartyKind,
  idColumn: string,
  names: readonly string[] = ["nom"],
): Row {
  if (identifiesParty(row[idColumn])) return row;
  const named: Row = { ...row };
  for (const name of names) named[name] = UNIDENTIFIED_PARTY[kind];
  return named;
}
