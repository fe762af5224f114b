// A marché record (any format) → the canonical rows of contracts, suppliers, modifications and
// sous-traitance acts. Field names follow schema.sql.
import type { IssueLog } from "./issues.ts";
import {
  cleanAmount,
  cleanBoolean,
  cleanCpv,
  cleanDate,
  cleanDuration,
  cleanEnum,
  cleanIdentifier,
  cleanOfferCount,
  cleanRate,
  cleanText,
} from "./fields.ts";
import { child, isTree, listOf, type Tree } from "./structure.ts";
import {
  CCAG,
  CONTRACT_NATURES,
  EXECUTION_MODES,
  GROUPING_TYPES,
  PRICE_FORMS,
  PRICE_TYPES,
  PROCEDURES,
  TECHNIQUES,
} from "../../lib/vocabulary.ts";
import { cleanConsiderations, cleanParties, cleanParty, cleanPlace, rawString } from "./parts.ts";
import { applyModifications, type ModificationRow } from "./modifications.ts";
import { checkDates } from "./dates.ts";
import { SUBCONTRACTING_CONTRADICTION_PROBLEM } from "./problems.ts";

export interface MarcheRows {
  contract: Record<string, unknown>;
  suppliers: Record<string, unknown>[];
  modifications: ModificationRow[];
  subcontracting: Record<string, unknown>[];
}

export function normaliseMarche(
  record: Tree,
  ids: { id: string | null; buyer: string },
  log: IssueLog,
  today: Date,
): MarcheRows {
  const buyer = child(record, "acheteur");
  const amount = cleanAmount(record.montant, "montant", log);
  const duration = cleanDuration(record.dureeMois, "dureeMois", log);
  const suppliers = cleanParties(record.titulaires, "titulaire", "titulaires", log);

  const modifications = listOf(record.modifications, "modification");
  const current = applyModifications(modifications, amount.value, duration, log, today);

  const contract = {
    id: ids.id,
    acheteur_id: ids.buyer,
    acheteur_nom: cleanText(buyer.nom, "acheteur.nom", log),
    nature: cleanEnum(record.nature, "nature", CONTRACT_NATURES, log),
    nature_raw: rawString(record.nature),
    objet: cleanText(record.objet, "objet", log),
    code_cpv: cleanCpv(record.codeCPV, "codeCPV", log),
    procedure: cleanEnum(record.procedure, "procedure", PROCEDURES, log),
    procedure_raw: rawString(record.procedure),
    ...cleanPlace(record.lieuExecution, log),
    duree_mois_initiale: duration,
    duree_mois: current.duration,
    montant_initial: amount.value,
    montant: current.amount,
    montant_suspect: amount.suspect,
    montant_modification_ecartee: current.deltaSetAside,
    forme_prix: cleanEnum(record.formePrix, "formePrix", PRICE_FORMS, log),
    date_notification: cleanDate(record.dateNotification, "dateNotification", log, today),
    date_publication_donnees: cleanDate(
      record.datePublicationDonnees,
      "datePublicationDonnees",
      log,
      today,
    ),
    ...cleanConsiderations(record, log),
    offres_recues: cleanOfferCount(record.offresRecues, "offresRecues", log),
    marche_innovant: cleanBoolean(record.marcheInnovant, "marcheInnovant", log),
    techniques: enumList(record.techniques ?? record.technique, "technique", TECHNIQUES, log),
    modalites_execution: enumList(
      record.modalitesExecution ?? record.modaliteExecution,
      "modaliteExecution",
      EXECUTION_MODES,
      log,
    ),
    types_prix: enumList(record.typesPrix ?? record.typePrix, "typePrix", PRICE_TYPES, log),
    sous_traitance_declaree: cleanBoolean(
      record.sousTraitanceDeclaree,
      "sousTraitanceDeclaree",
      log,
    ),
    attribution_avance: cleanBoolean(record.attributionAvance, "attributionAvance", log),
    taux_avance: cleanRate(record.tauxAvance, "tauxAvance", log),
    type_groupement_operateurs: cleanEnum(
      record.typeGroupementOperateurs,
      "typeGroupementOperateurs",
      GROUPING_TYPES,
      log,
    ),
    origine_france: cleanRate(record.origineFrance, "origineFrance", log),
    origine_ue: cleanRate(record.origineUE, "origineUE", log),
    ccag: cleanEnum(record.ccag, "ccag", CCAG, log),
    id_accord_cadre: cleanIdentifier(record.idAccordCadre),
    titulaires_count: suppliers.length,
    titulaires_siret_count: suppliers.filter((party) => party.siretValid).length,
    modifications_count: current.rows.length,
  };

  const subcontracting = subcontractingActs(record, log, today);
  checkDates(
    contract.date_notification,
    contract.date_publication_donnees,
    "dateNotification",
    log,
  );
  if (contract.sous_traitance_declaree === false && subcontracting.length > 0) {
    log.add(
      "sousTraitanceDeclaree",
      record.sousTraitanceDeclaree,
      SUBCONTRACTING_CONTRADICTION_PROBLEM,
      "flagged",
    );
  }

  return {
    contract,
    suppliers: suppliers.map((party, position) => ({
      position,
      type_identifiant: party.typeIdentifiant,
      titulaire_id: party.id,
      denomination_sociale: party.name,
      siret_valide: party.siretValid,
      entreprise_id: party.company,
    })),
    modifications: current.rows,
    subcontracting,
  };
}

function enumList(
  value: unknown,
  itemKey: string,
  vocabulary: Parameters<typeof cleanEnum>[2],
  log: IssueLog,
): string[] | null {
  const items = listOf(value, itemKey);
  const codes = items
    .map((item, i) => cleanEnum(item, `${itemKey}[${i}]`, vocabulary, log))
    .filter((code): code is string => code !== null);
  return codes.length > 0 ? [...new Set(codes)] : null;
}

function subcontractingActs(record: Tree, log: IssueLog, today: Date) {
  const changes = listOf(record.modificationsActesSousTraitance, "modificationActeSousTraitance");
  return listOf(record.actesSousTraitance, "acteSousTraitance").map((item, position) => {
    const act = (typeof item === "object" && item !== null ? item : {}) as Tree;
    const field = `actesSousTraitance[${position}]`;
    const party = cleanParty(act.sousTraitant, `${field}.sousTraitant`, log);
    const id = cleanIdentifier(act.id);
    const own = changes
      .filter((c) => id !== null && isTree(c) && cleanIdentifier(c.id) === id)
      .map((c, i) =>
        subcontractingChange(c as Tree, `modificationsActesSousTraitance[${i}]`, log, today),
      );
    return {
      position,
      id,
      sous_traitant_type_identifiant: party?.typeIdentifiant ?? null,
      sous_traitant_id: party?.id ?? null,
      duree_mois: cleanDuration(act.dureeMois, `${field}.dureeMois`, log),
      date_notification: cleanDate(act.dateNotification, `${field}.dateNotification`, log, today),
      date_publication_donnees: cleanDate(
        act.datePublicationDonnees,
        `${field}.datePublicationDonnees`,
        log,
        today,
      ),
      montant: cleanAmount(act.montant, `${field}.montant`, log).value,
      variation_prix: cleanText(act.variationPrix, `${field}.variationPrix`, log),
      modifications: own.length > 0 ? JSON.stringify(own) : null,
    };
  });
}

function subcontractingChange(change: Tree, field: string, log: IssueLog, today: Date) {
  return {
    id: cleanIdentifier(change.id),
    dureeMois: cleanDuration(change.dureeMois, `${field}.dureeMois`, log),
    dateNotification: cleanDate(
      change.dateNotificationModificationSousTraitance,
      `${field}.dateNotificationModificationSousTraitance`,
      log,
      today,
    ),
    montant: cleanAmount(change.montant, `${field}.montant`, log).value,
    datePublicationDonnees: cleanDate(
      change.datePublicationDonnees,
      `${field}.datePublicationDonnees`,
      log,
      today,
    ),
  };
}
