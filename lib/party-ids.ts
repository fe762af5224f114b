// Identifiers of a party (buyer, titulaire) that identify no one. Some producers publish a
// record under a SIRET made of one digit repeated: the 2019 PLACE files put « SANS SUITE » and
// « PAS DE CANDIDAT » records, of several real buyers, under 00000000000000. Such an id passes
// the SIRET check digit, yet it is not an establishment: the ETL gives it no name from the
// publications (etl/sql/enrich.sql, so no buyer is called « SANS SUITE »), the engine labels it
// as an unidentified buyer and sorts it after the identified ones (indicators/compiler/
// canonical.ts), the look-ups name it so (server/lookups/unidentified.ts) instead of the most
// frequent name published under it, and the peers never rank it (server/spaser/peers.ts). The rule stays narrow,
// like the contract ids' (etl/normalise/identity.ts): only one digit repeated over a whole SIRET
// or SIREN. Imports nothing, so the engine's Node-free modules can read it.

/** The rule as a regular expression for a whole-string match, read alike by RE2 (DuckDB's
 * `regexp_full_match`) and JavaScript. */
export const PLACEHOLDER_PARTY_ID = Array.from(
  { length: 10 },
  (_, digit) => `${digit}{14}|${digit}{9}`,
).join("|");

const WHOLE = new RegExp(`^(?:${PLACEHOLDER_PARTY_ID})$`);

export function isPlaceholderPartyId(id: string): boolean {
  return WHOLE.test(id);
}

/** What a placeholder id is called wherever a party's name is shown. */
export const UNIDENTIFIED_PARTY = {
  buyer: "Acheteur non identifié",
  supplier: "Titulaire non identifié",
} as const;
