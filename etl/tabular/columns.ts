// The columns a tabular DECP file may carry, whatever its dialect, and the canonical field each one
// feeds. One table for every dialect: the same DECP field is spelled `acheteur.id` in the flat
// exports of data.economie.gouv.fr and `acheteur_id` in decp.info's table, `dureeMois` or
// `DureeMois`, and a file in the wild carries any subset of them. Matching folds case only: the
// spellings themselves are listed, never guessed.

/**
 * The canonical fields of the grouping SQL (etl/sql/tabular-group.sql), with the DECP path used in
 * field issues. Contract fields are the same on every row of a contract; version fields change with
 * a modification; `t1`…`t3` are the titulaires a row carries (one per row, or three numbered
 * columns); `mod_*` and `ast_*` / `mast_*` describe one modification or one act of sous-traitance
 * per row (flat exports); `feed_*` are what the feed adds to the DECP (names, geography, size).
 */
export const FIELDS = {
  uid: "uid",
  id: "id",
  acheteur_id: "acheteur.id",
  acheteur_nom: "acheteur.nom",
  nature: "nature",
  objet: "objet",
  code_cpv: "codeCPV",
  procedure: "procedure",
  lieu_code: "lieuExecution.code",
  lieu_type_code: "lieuExecution.typeCode",
  lieu_nom: "lieuExecution.nom",
  forme_prix: "formePrix",
  offres_recues: "offresRecues",
  marche_innovant: "marcheInnovant",
  attribution_avance: "attributionAvance",
  taux_avance: "tauxAvance",
  sous_traitance_declaree: "sousTraitanceDeclaree",
  type_groupement: "typeGroupementOperateurs",
  origine_france: "origineFrance",
  origine_ue: "origineUE",
  ccag: "ccag",
  id_accord_cadre: "idAccordCadre",
  considerations_sociales: "considerationsSociales",
  considerations_environnementales: "considerationsEnvironnementales",
  techniques: "techniques",
  modalites_execution: "modalitesExecution",
  types_prix: "typesPrix",
  montant: "montant",
  duree_mois: "dureeMois",
  date_notification: "dateNotification",
  date_publication: "datePublicationDonnees",
  modification_id: "modification_id",
  t1_id: "titulaires.id",
  t1_type: "titulaires.typeIdentifiant",
  t1_nom: "titulaires.denominationSociale",
  t2_id: "titulaires.id",
  t2_type: "titulaires.typeIdentifiant",
  t2_nom: "titulaires.denominationSociale",
  t3_id: "titulaires.id",
  t3_type: "titulaires.typeIdentifiant",
  t3_nom: "titulaires.denominationSociale",
  mod_id: "modifications.id",
  mod_objet: "modifications.objetModification",
  mod_montant: "modifications.montant",
  mod_duree: "modifications.dureeMois",
  mod_date_notification: "modifications.dateNotificationModification",
  mod_date_publication: "modifications.datePublicationDonneesModification",
  mod_titulaire_id: "modifications.titulaires.id",
  mod_titulaire_type: "modifications.titulaires.typeIdentifiant",
  ast_id: "actesSousTraitance.id",
  ast_duree: "actesSousTraitance.dureeMois",
  ast_date_notification: "actesSousTraitance.dateNotification",
  ast_date_publication: "actesSousTraitance.datePublicationDonnees",
  ast_montant: "actesSousTraitance.montant",
  ast_variation_prix: "actesSousTraitance.variationPrix",
  ast_st_id: "actesSousTraitance.sousTraitant.id",
  ast_st_type: "actesSousTraitance.sousTraitant.typeIdentifiant",
  mast_id: "modificationsActesSousTraitance.id",
  mast_duree: "modificationsActesSousTraitance.dureeMois",
  mast_date_notification:
    "modificationsActesSousTraitance.dateNotificationModificationSousTraitance",
  mast_montant: "modificationsActesSousTraitance.montant",
  mast_date_publication: "modificationsActesSousTraitance.datePublicationDonnees",
  feed_source_dataset: "sourceDataset",
  feed_source_file: "sourceFile",
  feed_acheteur_categorie: "acheteur_categorie",
  feed_acheteur_commune_code: "acheteur_commune_code",
  feed_acheteur_commune_nom: "acheteur_commune_nom",
  feed_acheteur_departement_code: "acheteur_departement_code",
  feed_acheteur_departement_nom: "acheteur_departement_nom",
  feed_acheteur_region_code: "acheteur_region_code",
  feed_acheteur_region_nom: "acheteur_region_nom",
  feed_acheteur_latitude: "acheteur_latitude",
  feed_acheteur_longitude: "acheteur_longitude",
  feed_titulaire_categorie: "titulaire_categorie",
  feed_titulaire_commune_code: "titulaire_commune_code",
  feed_titulaire_commune_nom: "titulaire_commune_nom",
  feed_titulaire_departement_code: "titulaire_departement_code",
  feed_titulaire_departement_nom: "titulaire_departement_nom",
  feed_titulaire_region_code: "titulaire_region_code",
  feed_titulaire_region_nom: "titulaire_region_nom",
  feed_titulaire_latitude: "titulaire_latitude",
  feed_titulaire_longitude: "titulaire_longitude",
  feed_titulaire_distance: "titulaire_distance",
} as const;

export type Field = keyof typeof FIELDS;

/** The column bench/generate.ts adds to a synthetic CSV. */
export const SYNTHETIC_COLUMN = "$synthetic";
export const FIELD_NAMES = Object.keys(FIELDS) as Field[];

/** Every spelling met in the known dialects (decp.info, decp-table-schema, data.economie.gouv.fr
 * 2019 and 2022 flat exports, Région Bretagne's export), folded to lower case. */
const SPELLINGS: Record<Field, string[]> = {
  uid: ["uid"],
  id: ["id"],
  acheteur_id: ["acheteur_id", "acheteur.id"],
  acheteur_nom: ["acheteur_nom", "acheteur.nom"],
  nature: ["nature"],
  objet: ["objet"],
  code_cpv: ["codecpv"],
  procedure: ["procedure"],
  lieu_code: ["lieuexecution_code", "lieuexecution.code"],
  lieu_type_code: ["lieuexecution_typecode", "lieuexecution.typecode"],
  lieu_nom: ["lieuexecution_nom", "lieuexecution.nom"],
  forme_prix: ["formeprix"],
  offres_recues: ["offresrecues"],
  marche_innovant: ["marcheinnovant"],
  attribution_avance: ["attributionavance"],
  taux_avance: ["tauxavance"],
  sous_traitance_declaree: ["soustraitancedeclaree"],
  type_groupement: ["typegroupementoperateurs"],
  origine_france: ["originefrance"],
  origine_ue: ["origineue"],
  ccag: ["ccag"],
  id_accord_cadre: ["idaccordcadre"],
  considerations_sociales: ["considerationssociales"],
  considerations_environnementales: ["considerationsenvironnementales"],
  techniques: ["techniques", "technique"],
  modalites_execution: ["modalitesexecution", "modaliteexecution"],
  // The 2019-format export carries typesPrix, typePrix and TypePrix side by side.
  types_prix: ["typesprix", "typeprix"],
  montant: ["montant"],
  duree_mois: ["dureemois"],
  date_notification: ["datenotification"],
  date_publication: ["datepublicationdonnees"],
  modification_id: ["modification_id"],
  t1_id: ["titulaire_id", "titulaires_id", "titulaire_id_1"],
  t1_type: [
    "titulaire_typeidentifiant",
    "titulaires_typeidentifiant",
    "titulaires_typeidentifianttype_identifiant", // Région Bretagne's own header
    "titulaire_typeidentifiant_1",
  ],
  t1_nom: [
    "titulaire_nom",
    "titulaire_denominationsociale",
    "titulaires_denominationsociale",
    "titulaire_denominationsociale_1",
  ],
  t2_id: ["titulaire_id_2"],
  t2_type: ["titulaire_typeidentifiant_2"],
  t2_nom: ["titulaire_denominationsociale_2"],
  t3_id: ["titulaire_id_3"],
  t3_type: ["titulaire_typeidentifiant_3"],
  t3_nom: ["titulaire_denominationsociale_3"],
  mod_id: ["idmodification"],
  mod_objet: ["objetmodification"],
  mod_montant: ["montantmodification"],
  mod_duree: ["dureemoismodification"],
  mod_date_notification: [
    "datenotificationmodification",
    "datenotificationmodificationmodification",
  ],
  mod_date_publication: [
    "datepublicationdonneesmodification",
    "datepublicationdonneesmodificationmodification",
  ],
  mod_titulaire_id: ["idtitulairemodification"],
  mod_titulaire_type: ["typeidentifianttitulairemodification"],
  ast_id: ["idactesoustraitance"],
  ast_duree: ["dureemoisactesoustraitance"],
  ast_date_notification: ["datenotificationactesoustraitance"],
  ast_date_publication: ["datepublicationdonneesactesoustraitance"],
  ast_montant: ["montantactesoustraitance"],
  ast_variation_prix: ["variationprixactesoustraitance"],
  ast_st_id: ["idsoustraitant"],
  ast_st_type: ["typeidentifiantsoustraitant"],
  mast_id: ["idmodificationactesoustraitance"],
  mast_duree: ["dureemoismodificationactesoustraitance"],
  mast_date_notification: [
    "datenotificationmodificationsoustraitancemodificationactesoustraitance",
  ],
  mast_montant: ["montantmodificationactesoustraitance"],
  mast_date_publication: ["datepublicationdonneesmodificationactesoustraitance"],
  // `source` in the data.economie.gouv.fr exports and decp-table-schema: the producer's dataset.
  feed_source_dataset: ["sourcedataset", "source"],
  feed_source_file: ["sourcefile"],
  feed_acheteur_categorie: ["acheteur_categorie"],
  feed_acheteur_commune_code: ["acheteur_commune_code"],
  feed_acheteur_commune_nom: ["acheteur_commune_nom"],
  feed_acheteur_departement_code: ["acheteur_departement_code"],
  feed_acheteur_departement_nom: ["acheteur_departement_nom"],
  feed_acheteur_region_code: ["acheteur_region_code"],
  feed_acheteur_region_nom: ["acheteur_region_nom"],
  feed_acheteur_latitude: ["acheteur_latitude"],
  feed_acheteur_longitude: ["acheteur_longitude"],
  feed_titulaire_categorie: ["titulaire_categorie"],
  feed_titulaire_commune_code: ["titulaire_commune_code"],
  feed_titulaire_commune_nom: ["titulaire_commune_nom"],
  feed_titulaire_departement_code: ["titulaire_departement_code"],
  feed_titulaire_departement_nom: ["titulaire_departement_nom"],
  feed_titulaire_region_code: ["titulaire_region_code"],
  feed_titulaire_region_nom: ["titulaire_region_nom"],
  feed_titulaire_latitude: ["titulaire_latitude"],
  feed_titulaire_longitude: ["titulaire_longitude"],
  feed_titulaire_distance: ["titulaire_distance"],
};

/**
 * Columns of the known dialects that are deliberately not read, and why (the run summary lists
 * them with the other columns it did not use, and how many rows fill them).
 */
export const NOT_READ: Record<string, string> = {
  type: "derived by the feed from the CPV code; the observatory derives it the same way",
  dureerestantemois: "derived by the feed from the day it ran",
  annee: "year of the export",
  created_at: "time of the publisher's processing",
  updated_at: "time of the publisher's processing",
  booleanmodification: "says whether the modification columns are filled; they are read",
  anomalies: "the publisher's own checks",
  donneesactuelles:
    "marks the current version, which modification_id (or the rows' own columns) already gives",
  titulairesmodification: "format not documented",
  actessoustraitance: "format not documented (empty in the known exports)",
  modificationsactessoustraitance: "format not documented (empty in the known exports)",
};

const BY_SPELLING = new Map<string, Field>(
  FIELD_NAMES.flatMap((field) => SPELLINGS[field].map((s) => [s, field] as const)),
);

export interface ColumnMap {
  /** For each field the file fills, the 0-based positions of its columns, in file order. */
  fields: Partial<Record<Field, number[]>>;
  /** Columns no field reads, as named in the file, with their position. */
  unused: { name: string; position: number }[];
}

/** Which column feeds which field; a field spelled twice (typePrix, TypePrix) reads both. */
export function mapColumns(header: string[]): ColumnMap {
  const fields: Partial<Record<Field, number[]>> = {};
  const unused: ColumnMap["unused"] = [];
  header.forEach((name, position) => {
    // The generator's mark of a synthetic file (bench/generate.ts): neither DECP nor unread data.
    if (name === SYNTHETIC_COLUMN) return;
    const field = BY_SPELLING.get(name.trim().toLowerCase());
    if (field === undefined) unused.push({ name, position });
    else (fields[field] ??= []).push(position);
  });
  return { fields, unused };
}

/** The headers present in a file, folded as the spellings are. */
export function foldedHeader(header: string[]): Set<string> {
  return new Set(header.map((name) => name.trim().toLowerCase()));
}
