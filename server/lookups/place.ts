// Where the who's who places a buyer or a titulaire (its collectivité, its SIRENE establishment or
// a feed), with the COG's names: one query shape and one reading for both look-ups.
import type { Row } from "../../lib/duckdb.ts";

/** A party's département and région, codes and names; each null when unknown. */
export interface Place {
  departement: string | null;
  departement_nom: string | null;
  region: string | null;
  region_nom: string | null;
}

/**
 * The place columns of the who's who table aliased `party` (buyers or titulaires), read with
 * the joins of PLACE_JOINS.
 */
export const PLACE_COLUMNS =
  "party.departement, d.nom AS departement_nom, party.region, r.nom AS region_nom";

export const PLACE_JOINS = `LEFT JOIN ref_departements d ON d.code = party.departement
       LEFT JOIN ref_regions r ON r.code = party.region`;

/** A value read from the snapshot as text, null for anything else (NULL, no row). */
export const textOrNull = (value: unknown): string | null =>
  typeof value === "string" ? value : null;

/** The place of a row read with PLACE_COLUMNS (none when the party has no who's who row). */
export function placeOf(row: Row | undefined): Place {
  return {
    departement: textOrNull(row?.departement),
    departement_nom: textOrNull(row?.departement_nom),
    region: textOrNull(row?.region),
    region_nom: textOrNull(row?.region_nom),
  };
}
