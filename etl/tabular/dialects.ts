// Which tabular DECP a file is, told from its column names (never from its file name), and how its
// rows make contracts. Every dialect reads the same column table (columns.ts); what differs is how
// a contract's rows relate to each other and which markers the publisher writes.
import { foldedHeader, mapColumns, type ColumnMap } from "./columns.ts";

export type DialectId =
  "decp-info" | "decp-table-schema" | "dataeco-2019" | "dataeco-2022" | "region-bretagne" | "other";

/**
 * How the rows of one contract are versions of it:
 * - `modification_id`: the column numbers them (0 = initial values, the highest = current ones);
 * - `date_rank`: decp.info numbers versions by the rank of dateNotification within a uid
 *   (decp-processing, transform.py sort_modifications); a file that dropped the column is
 *   numbered again by the same rule;
 * - `single`: every row is the same version (rows differ by titulaire, or by the modification or
 *   act of sous-traitance each row describes in its own columns).
 */
export type VersionRule = "modification_id" | "date_rank" | "single";

export interface Dialect {
  id: DialectId;
  /** For the run summary. */
  label: string;
  versions: VersionRule;
  /** The MINEF pipeline's markers: MQ (mandatory value missing), CDL (optional value empty),
   * "INX " before a value it found invalid (139bercy/decp-arr2022 augmente/nettoyage.py). */
  markers: boolean;
  /** decp.info writes « Sans objet » for « Pas de considération sociale / environnementale » and
   * « Pas de CCAG » (decp-processing, clean.py clean_null_equivalent): read back as published. */
  sansObjetForNone: boolean;
}

const DIALECTS: Record<DialectId, Omit<Dialect, "versions"> & { versions?: VersionRule }> = {
  "decp-info": {
    id: "decp-info",
    label: "decp.info consolidated table (one row per contract × titulaire × version)",
    markers: false,
    sansObjetForNone: true,
  },
  "decp-table-schema": {
    id: "decp-table-schema",
    label: "decp-table-schema flat table (one row per contract × titulaire)",
    versions: "single",
    markers: false,
    sansObjetForNone: false,
  },
  "dataeco-2019": {
    id: "dataeco-2019",
    label: "data.economie.gouv.fr flat export, 2019 format (titulaires in numbered columns)",
    versions: "single",
    markers: true,
    sansObjetForNone: false,
  },
  "dataeco-2022": {
    id: "dataeco-2022",
    label: "data.economie.gouv.fr flat export, 2022 format (titulaires in numbered columns)",
    versions: "single",
    markers: true,
    sansObjetForNone: false,
  },
  "region-bretagne": {
    id: "region-bretagne",
    label: "Région Bretagne's export (one row per contract × titulaire)",
    versions: "single",
    markers: false,
    sansObjetForNone: false,
  },
  other: {
    id: "other",
    label: "flat DECP table read by its column names (one row per contract × titulaire)",
    versions: "single",
    markers: false,
    sansObjetForNone: false,
  },
};

export interface Recognised {
  dialect: Dialect;
  columns: ColumnMap;
}

/** The dialect of a header, or an error naming what is missing to identify a contract. */
export function recognise(header: string[]): Recognised | { error: string } {
  const columns = mapColumns(header);
  const has = foldedHeader(header);
  const id = dialectOf(has);
  const f = columns.fields;
  if (!f.uid && !(f.acheteur_id && f.id)) {
    return {
      error:
        "no column identifies a contract (uid, or acheteur id and id): not a DECP table " +
        `(columns: ${header.slice(0, 12).join(", ")}${header.length > 12 ? ", …" : ""})`,
    };
  }
  const base = DIALECTS[id];
  const versions: VersionRule =
    base.versions ??
    (f.modification_id ? "modification_id" : f.date_notification ? "date_rank" : "single");
  return { dialect: { ...base, versions }, columns };
}

function dialectOf(has: Set<string>): DialectId {
  if (has.has("acheteur.id")) {
    return has.has("titulaire_denominationsociale_1") || has.has("acheteur.nom")
      ? "dataeco-2019"
      : "dataeco-2022";
  }
  if (has.has("titulaires_id") || has.has("titulaires_typeidentifianttype_identifiant")) {
    return "region-bretagne";
  }
  if (
    has.has("titulaire_denominationsociale") &&
    (has.has("anomalies") || has.has("donneesactuelles"))
  ) {
    return "decp-table-schema";
  }
  if (
    (has.has("uid") || has.has("acheteur_id")) &&
    (has.has("titulaire_id") || has.has("titulaire_nom"))
  ) {
    return "decp-info";
  }
  return "other";
}
