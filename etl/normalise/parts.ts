// Parts shared by marchés and concessions: parties (titulaires, concessionnaires, sous-traitants),
// the place of execution and the considerations lists.
import type { IssueLog } from "./issues.ts";
import { cleanEnum, cleanIdentifier, cleanSiret, cleanText, isBlank } from "./fields.ts";
import { isTree, listOf } from "./structure.ts";
import {
  ENVIRONMENTAL_CONSIDERATIONS,
  IDENTIFIER_TYPES,
  PLACE_CODE_TYPES,
  SOCIAL_CONSIDERATIONS,
} from "./vocabulary.ts";

export interface Party {
  typeIdentifiant: string | null;
  id: string | null;
  name: string | null;
}

export function cleanParty(value: unknown, field: string, log: IssueLog): Party {
  if (!isTree(value)) {
    if (!isBlank(value)) log.add(field, value, "party without typeIdentifiant and id", "nulled");
    return { typeIdentifiant: null, id: null, name: null };
  }
  const typeIdentifiant = cleanEnum(
    value.typeIdentifiant,
    `${field}.typeIdentifiant`,
    IDENTIFIER_TYPES,
    log,
  );
  // A missing type with a 14-digit id is a SIRET in every real file seen; anything else is kept as is.
  const rawId = cleanIdentifier(value.id);
  const isSiret =
    typeIdentifiant === "SIRET" || (typeIdentifiant === null && /^[\d\s]{14,}$/.test(rawId ?? ""));
  return {
    typeIdentifiant,
    id: isSiret ? cleanSiret(value.id, `${field}.id`, log) : rawId,
    name: cleanText(value.denominationSociale, `${field}.denominationSociale`, log),
  };
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
