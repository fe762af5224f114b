// Parts shared by marchés and concessions: parties (titulaires, concessionnaires, sous-traitants),
// the place of execution and the considerations lists.
import type { IssueLog } from "./issues.ts";
import { cleanEnum, cleanIdentifier, cleanSiret, cleanText, isBlank } from "./fields.ts";
import { isTree, listOf } from "./structure.ts";
import { partyIdentity } from "./siret.ts";
import {
  EMPTY_PARTY_PROBLEM,
  REPEATED_PARTY_PROBLEM,
  SIRET_TYPE_INFERRED_PROBLEM,
} from "./problems.ts";
import {
  ENVIRONMENTAL_CONSIDERATIONS,
  IDENTIFIER_TYPES,
  PLACE_CODE_TYPES,
  SOCIAL_CONSIDERATIONS,
} from "../../lib/vocabulary.ts";

export interface Party {
  typeIdentifiant: string | null;
  id: string | null;
  name: string | null;
  /** Identified by a valid SIRET (siret.ts decides). */
  siretValid: boolean;
  /** The company key: SIREN of a valid SIRET, the id as it is otherwise. */
  company: string | null;
}

/**
 * A titulaire, concessionnaire or sous-traitant. An item with no id, no type and no name (an
 * empty object, or a string where an object was expected) is not a party: it is logged and
 * `null` is returned, so that it is never stored nor counted as a supplier.
 */
export function cleanParty(value: unknown, field: string, log: IssueLog): Party | null {
  if (!isTree(value)) {
    if (!isBlank(value)) log.add(field, value, "party without typeIdentifiant and id", "nulled");
    return null;
  }
  const declared = cleanEnum(
    value.typeIdentifiant,
    `${field}.typeIdentifiant`,
    IDENTIFIER_TYPES,
    log,
  );
  // A missing type with 14 digits (spaces allowed) is read as a SIRET candidate and cleaned as one;
  // siret.ts then decides whether it is a valid SIRET. Anything else is kept as published.
  const rawId = cleanIdentifier(value.id);
  const siretLike =
    declared === "SIRET" || (declared === null && /^[\d\s.\u00a0]{14,}$/.test(rawId ?? ""));
  const id = siretLike ? cleanSiret(value.id, `${field}.id`, log) : rawId;
  const name = cleanText(value.denominationSociale, `${field}.denominationSociale`, log);
  if (id === null && declared === null && name === null) {
    log.add(field, value, EMPTY_PARTY_PROBLEM, "nulled");
    return null;
  }
  const identity = partyIdentity(declared, id);
  if (identity.typeInferred) {
    log.add(
      `${field}.typeIdentifiant`,
      value.typeIdentifiant ?? "",
      SIRET_TYPE_INFERRED_PROBLEM,
      "repaired",
    );
  }
  return {
    typeIdentifiant: identity.type,
    id,
    name,
    siretValid: identity.siretValid,
    company: identity.company,
  };
}

/**
 * The parties of a list field, without the items that are not parties, and each id once. A party
 * listed again under the same id on one contract (one titulaire three times, under two spellings
 * of its name, on a contract of marches-publics.info) is one co-contractor: kept three times, it
 * would take a third of the contract's amount thrice and count as three SMEs. Each repeat is
 * logged with its position. Parties without an id are all kept: nothing says they are the same.
 */
export function cleanParties(
  value: unknown,
  itemKey: string,
  field: string,
  log: IssueLog,
): Party[] {
  const parties: Party[] = [];
  const ids = new Set<string>();
  listOf(value, itemKey).forEach((item, i) => {
    const party = cleanParty(item, `${field}[${i}]`, log);
    if (party === null) return;
    if (party.id !== null) {
      if (ids.has(party.id)) {
        const published = isTree(item) ? item.id : party.id;
        log.add(`${field}[${i}].id`, published, REPEATED_PARTY_PROBLEM, "repaired");
        return;
      }
      ids.add(party.id);
    }
    parties.push(party);
  });
  return parties;
}

export interface Place {
  lieu_code: string | null;
  lieu_type_code: string | null;
  lieu_nom: string | null;
}

/** The place of execution as published; département and région are derived later in SQL. */
export function cleanPlace(value: unknown, log: IssueLog): Place {
  if (!isTree(value)) return { lieu_code: null, lieu_type_code: null, lieu_nom: null };
  const code = cleanIdentifier(value.code);
  return {
    lieu_code: code === null ? null : code.replace(/\s/g, "").toUpperCase(),
    lieu_type_code: cleanEnum(value.typeCode, "lieuExecution.typeCode", PLACE_CODE_TYPES, log),
    lieu_nom: cleanText(value.nom, "lieuExecution.nom", log),
  };
}

/** Both considerations lists of a marché or a concession, as canonical columns. */
export function cleanConsiderations(record: Record<string, unknown>, log: IssueLog) {
  return {
    considerations_sociales: cleanCodeList(
      record.considerationsSociales,
      "considerationSociale",
      "considerationsSociales",
      "social",
      log,
    ),
    considerations_environnementales: cleanCodeList(
      record.considerationsEnvironnementales,
      "considerationEnvironnementale",
      "considerationsEnvironnementales",
      "environmental",
      log,
    ),
  };
}

/**
 * considerationsSociales / considerationsEnvironnementales → list of codes, or null when the field
 * is not filled. An explicit "Pas de considération …" is the code "aucune", never null: blank is not
 * "no".
 */
export function cleanCodeList(
  value: unknown,
  itemKey: string,
  field: string,
  which: "social" | "environmental",
  log: IssueLog,
): string[] | null {
  const vocabulary = which === "social" ? SOCIAL_CONSIDERATIONS : ENVIRONMENTAL_CONSIDERATIONS;
  const codes = listOf(value, itemKey)
    .map((item, i) => cleanEnum(item, `${field}[${i}]`, vocabulary, log))
    .filter((code): code is string => code !== null);
  if (codes.length === 0) return null;
  const unique = [...new Set(codes)];
  if (unique.includes("aucune") && unique.length > 1) {
    log.add(field, value, "'no consideration' listed together with a consideration", "flagged");
  }
  return unique.sort();
}

/** The published wording of an enumerated field, kept beside its code. */
export function rawString(value: unknown): string | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const text = String(value).trim();
  return text === "" ? null : text;
}
