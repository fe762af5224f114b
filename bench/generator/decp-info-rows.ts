// A DECP marché (2019 or 2024 JSON) written as the rows of decp.info's consolidated tabular DECP:
// one row per version × titulaire, version 0 the initial values, version n the state after the
// n-th modification (decp.info carries the last amount, duration and titulaires forward), lists
// joined with ", " (decp-processing, clean.py process_string_lists). Written here, apart from the
// ETL, so that tests and the benchmark produce tabular files the ETL has never seen the making of.
import type { Json } from "./templates.ts";

/** The 58 columns of decp.info's table (reference/schema_base.json), and the type of each. */
export const DECP_INFO_COLUMNS: Record<string, string> = {
  uid: "VARCHAR",
  id: "VARCHAR",
  nature: "VARCHAR",
  acheteur_id: "VARCHAR",
  acheteur_nom: "VARCHAR",
  titulaire_id: "VARCHAR",
  titulaire_typeIdentifiant: "VARCHAR",
  titulaire_nom: "VARCHAR",
  objet: "VARCHAR",
  montant: "DOUBLE",
  type: "VARCHAR",
  codeCPV: "VARCHAR",
  procedure: "VARCHAR",
  techniques: "VARCHAR",
  dureeMois: "DOUBLE",
  dureeRestanteMois: "DOUBLE",
  offresRecues: "BIGINT",
  dateNotification: "DATE",
  datePublicationDonnees: "DATE",
  formePrix: "VARCHAR",
  typesPrix: "VARCHAR",
  attributionAvance: "BOOLEAN",
  tauxAvance: "DOUBLE",
  marcheInnovant: "BOOLEAN",
  modalitesExecution: "VARCHAR",
  considerationsSociales: "VARCHAR",
  considerationsEnvironnementales: "VARCHAR",
  ccag: "VARCHAR",
  sousTraitanceDeclaree: "BOOLEAN",
  typeGroupementOperateurs: "VARCHAR",
  origineUE: "DOUBLE",
  origineFrance: "DOUBLE",
  lieuExecution_code: "VARCHAR",
  lieuExecution_typeCode: "VARCHAR",
  idAccordCadre: "VARCHAR",
  titulaire_distance: "BIGINT",
  acheteur_categorie: "VARCHAR",
  acheteur_commune_code: "VARCHAR",
  acheteur_commune_nom: "VARCHAR",
  acheteur_departement_code: "VARCHAR",
  acheteur_departement_nom: "VARCHAR",
  acheteur_region_code: "VARCHAR",
  acheteur_region_nom: "VARCHAR",
  acheteur_latitude: "DOUBLE",
  acheteur_longitude: "DOUBLE",
  titulaire_categorie: "VARCHAR",
  titulaire_commune_code: "VARCHAR",
  titulaire_commune_nom: "VARCHAR",
  titulaire_departement_code: "VARCHAR",
  titulaire_departement_nom: "VARCHAR",
  titulaire_region_code: "VARCHAR",
  titulaire_region_nom: "VARCHAR",
  titulaire_latitude: "DOUBLE",
  titulaire_longitude: "DOUBLE",
  modification_id: "BIGINT",
  donneesActuelles: "BOOLEAN",
  sourceDataset: "VARCHAR",
  sourceFile: "VARCHAR",
};

export type Row = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The items of a DECP list: a plain array (2019) or wrapped items (2024), nested or not. */
function items(value: unknown, key: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v) => items(v, key));
  if (isObject(value) && key in value && Object.keys(value).length === 1)
    return items(value[key], key);
  return [value];
}

const text = (value: unknown): string | null =>
  value === undefined || value === null || value === "" ? null : String(value);

const joined = (value: unknown, key: string): string | null => {
  const list = items(value, key)
    .map(text)
    .filter((v): v is string => v !== null);
  return list.length > 0 ? list.join(", ") : null;
};

interface Titulaire {
  id: string | null;
  type: string | null;
  nom: string | null;
}

function titulaires(value: unknown): Titulaire[] {
  return items(value, "titulaire")
    .filter(isObject)
    .map((t) => ({
      id: text(t.id),
      type: text(t.typeIdentifiant),
      nom: text(t.denominationSociale),
    }));
}

/** The rows of one marché, with `extra` columns (names, enrichment) on every row. */
export function decpInfoRows(record: Json, extra: Row = {}): Row[] {
  const buyer = isObject(record.acheteur) ? record.acheteur : {};
  const place = isObject(record.lieuExecution) ? record.lieuExecution : {};
  const id = text(record.id);
  const buyerId = text(buyer.id);
  const fixed: Row = {
    uid: buyerId !== null && id !== null ? `${buyerId}${id}` : null,
    id,
    nature: text(record.nature),
    acheteur_id: buyerId,
    acheteur_nom: text(buyer.nom),
    objet: text(record.objet),
    codeCPV: text(record.codeCPV),
    procedure: text(record.procedure),
    techniques: joined(record.techniques ?? record.technique, "technique"),
    offresRecues: record.offresRecues ?? null,
    formePrix: text(record.formePrix),
    typesPrix: joined(record.typesPrix ?? record.typePrix, "typePrix"),
    attributionAvance: record.attributionAvance ?? null,
    tauxAvance: record.tauxAvance ?? null,
    marcheInnovant: record.marcheInnovant ?? null,
    modalitesExecution: joined(
      record.modalitesExecution ?? record.modaliteExecution,
      "modaliteExecution",
    ),
    considerationsSociales: joined(record.considerationsSociales, "considerationSociale"),
    considerationsEnvironnementales: joined(
      record.considerationsEnvironnementales,
      "considerationEnvironnementale",
    ),
    ccag: text(record.ccag),
    sousTraitanceDeclaree: record.sousTraitanceDeclaree ?? null,
    typeGroupementOperateurs: text(record.typeGroupementOperateurs),
    origineUE: record.origineUE ?? null,
    origineFrance: record.origineFrance ?? null,
    lieuExecution_code: text(place.code),
    lieuExecution_typeCode: text(place.typeCode),
    idAccordCadre: text(record.idAccordCadre),
    ...extra,
  };
  // Version 0, then one version per modification, each carrying the last known values forward.
  let state = {
    montant: record.montant ?? null,
    dureeMois: record.dureeMois ?? null,
    dateNotification: text(record.dateNotification),
    datePublicationDonnees: text(record.datePublicationDonnees),
    titulaires: titulaires(record.titulaires),
  };
  const versions = [state];
  for (const item of items(record.modifications, "modification")) {
    const m = isObject(item) ? item : {};
    const changed = titulaires(m.titulaires);
    state = {
      montant: m.montant ?? state.montant,
      dureeMois: m.dureeMois ?? state.dureeMois,
      dateNotification: text(m.dateNotificationModification),
      datePublicationDonnees: text(m.datePublicationDonneesModification),
      titulaires: changed.length > 0 ? changed : state.titulaires,
    };
    versions.push(state);
  }
  return versions.flatMap((version, index) => {
    const { titulaires: list, ...values } = version;
    const base = {
      ...fixed,
      ...values,
      modification_id: index,
      donneesActuelles: index === versions.length - 1,
    };
    const people = list.length > 0 ? list : [{ id: null, type: null, nom: null }];
    return people.map((t) => ({
      ...base,
      titulaire_id: t.id,
      titulaire_typeIdentifiant: t.type,
      titulaire_nom: t.nom,
    }));
  });
}
