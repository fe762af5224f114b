// A contrat de concession record (any format) → concessions, concessionnaires, modifications and
// annual execution data. Field names follow schema.sql.
import type { IssueLog } from "./issues.ts";
import {
  cleanAmount,
  cleanDate,
  cleanDuration,
  cleanEnum,
  cleanIdentifier,
  cleanText,
  parseNumber,
} from "./fields.ts";
import { child, isTree, listOf, type Tree } from "./structure.ts";
import { CONCESSION_NATURES, PROCEDURES } from "../../lib/vocabulary.ts";
import { cleanConsiderations, cleanParties, cleanPlace, rawString } from "./parts.ts";
import { checkDates } from "./dates.ts";

export interface ConcessionRows {
  concession: Record<string, unknown>;
  holders: Record<string, unknown>[];
  modifications: Record<string, unknown>[];
  execution: Record<string, unknown>[];
}

export function normaliseConcession(
  record: Tree,
  ids: { id: string | null; buyer: string },
  log: IssueLog,
  today: Date,
): ConcessionRows {
  const authority = child(record, "autoriteConcedante");
  const value = cleanAmount(record.valeurGlobale, "valeurGlobale", log).value;
  const duration = cleanDuration(record.dureeMois, "dureeMois", log);
  const holders = cleanParties(record.concessionnaires, "concessionnaire", "concessionnaires", log);
  const modifications = listOf(record.modifications, "modification").map((item, position) => {
    const m = isTree(item) ? item : {};
    const field = `modifications[${position}]`;
    return {
      position,
      id: cleanIdentifier(m.id),
      objet_modification: cleanText(m.objetModification, `${field}.objetModification`, log),
      date_signature: cleanDate(
        m.dateSignatureModification,
        `${field}.dateSignatureModification`,
        log,
        today,
      ),
      date_publication_donnees: cleanDate(
        m.datePublicationDonneesModification,
        `${field}.datePublicationDonneesModification`,
        log,
        today,
      ),
      duree_mois: cleanDuration(m.dureeMois, `${field}.dureeMois`, log),
      valeur_globale: cleanAmount(m.valeurGlobale, `${field}.valeurGlobale`, log).value,
    };
  });
  // Concession modifications carry the new totals; the last one given wins.
  const last = <K extends "duree_mois" | "valeur_globale">(key: K, initial: number | null) =>
    modifications.reduce((acc, m) => (m[key] ?? acc) as number | null, initial);

  const execution = listOf(record.donneesExecution, "donneesAnnuelles").map((item, position) => {
    const year = isTree(item) ? item : {};
    const field = `donneesExecution[${position}]`;
    const tariffs = listOf(year.tarifs, "tarif").map((t, i) => {
      const tariff = isTree(t) ? t : {};
      return {
        intituleTarif: cleanText(tariff.intituleTarif, `${field}.tarifs[${i}].intituleTarif`, log),
        tarif: parseNumber(tariff.tarif, `${field}.tarifs[${i}].tarif`, log),
      };
    });
    return {
      position,
      date_publication_donnees: cleanDate(
        year.datePublicationDonneesExecution,
        `${field}.datePublicationDonneesExecution`,
        log,
        today,
      ),
      depenses_investissement: cleanAmount(
        year.depensesInvestissement,
        `${field}.depensesInvestissement`,
        log,
      ).value,
      tarifs: tariffs.length > 0 ? JSON.stringify(tariffs) : null,
    };
  });

  const concession = {
    id: ids.id,
    autorite_concedante_id: ids.buyer,
    autorite_concedante_nom: cleanText(authority.nom, "autoriteConcedante.nom", log),
    nature: cleanEnum(record.nature, "nature", CONCESSION_NATURES, log),
    nature_raw: rawString(record.nature),
    objet: cleanText(record.objet, "objet", log),
    procedure: cleanEnum(record.procedure, "procedure", PROCEDURES, log),
    procedure_raw: rawString(record.procedure),
    ...cleanPlace(record.lieuExecution, log),
    duree_mois_initiale: duration,
    duree_mois: last("duree_mois", duration),
    valeur_globale_initiale: value,
    valeur_globale: last("valeur_globale", value),
    montant_subvention_publique: cleanAmount(
      record.montantSubventionPublique,
      "montantSubventionPublique",
      log,
    ).value,
    date_signature: cleanDate(record.dateSignature, "dateSignature", log, today),
    date_debut_execution: cleanDate(record.dateDebutExecution, "dateDebutExecution", log, today),
    date_publication_donnees: cleanDate(
      record.datePublicationDonnees,
      "datePublicationDonnees",
      log,
      today,
    ),
    ...cleanConsiderations(record, log),
    concessionnaires_count: holders.length,
    modifications_count: modifications.length,
  };
  checkDates(concession.date_signature, concession.date_publication_donnees, "dateSignature", log);
  return {
    concession,
    holders: holders.map((party, position) => ({
      position,
      type_identifiant: party.typeIdentifiant,
      concessionnaire_id: party.id,
      denomination_sociale: party.name,
    })),
    modifications,
    execution,
  };
}
