// One raw record → a rejection with its reason, or the canonical rows of a marché or a concession.
import { TOO_DEEP_REASON } from "../formats/input-limits.ts";
import type { ContainerShape, RecordKind, SourceRecord } from "../formats/types.ts";
import { IssueLog, type FieldIssue } from "./issues.ts";
import { cleanIdentifier, cleanSiret } from "./fields.ts";
import { child, cleanKeys, isTree, RecordTooDeepError, type Tree } from "./structure.ts";
import { normaliseMarche, type MarcheRows } from "./marche.ts";
import { normaliseConcession, type ConcessionRows } from "./concession.ts";
import { detectRecordFormat, type DecpFormat } from "./format.ts";
import { isFictitiousTestRecord } from "./fictitious-records.ts";
import { contentKey, derivedUid, isPlaceholderId, type ContractContent } from "./identity.ts";
import { PLACEHOLDER_ID_PROBLEM } from "./problems.ts";
import { logTabularIssues } from "./tabular-issues.ts";

interface Identified {
  /** The contract's key: buyer + id, or a key derived from the content (identity.ts). */
  uid: string;
  /** Hash of the content, to tell apart lots published under one id (deduplicate.sql). */
  contentKey: string;
  format: DecpFormat;
  /** datePublicationDonnees, used to keep the latest published version of a duplicate. */
  published: string | null;
  issues: FieldIssue[];
}

export type NormalisedRecord =
  | { type: "reject"; kind: RecordKind | null; reason: string }
  | ({ type: "marche" } & Identified & MarcheRows)
  | ({ type: "concession" } & Identified & ConcessionRows);

export function normaliseRecord(
  source: SourceRecord,
  shape: ContainerShape,
  today: Date,
): NormalisedRecord {
  // XML and tabular files carry every value as text: numbers written as text are normal there.
  const log = new IssueLog(shape.startsWith("xml") || shape === "tabular");
  if (source.tooLarge) return reject(source.kindHint, source.tooLarge);
  if (source.parseError) return reject(source.kindHint, `invalid JSON: ${source.parseError}`);
  if (source.tooDeep) return reject(source.kindHint, TOO_DEEP_REASON);
  if (!isTree(source.value)) return reject(source.kindHint, "not an object");
  let record: Tree;
  try {
    record = cleanKeys(source.value, log) as Tree;
  } catch (error) {
    if (!(error instanceof RecordTooDeepError)) throw error;
    return reject(source.kindHint, TOO_DEEP_REASON);
  }
  for (const key of source.nonStandardLiterals ?? []) {
    log.add(key, "NaN", "non-standard JSON literal read as empty", "nulled");
  }
  if (shape === "tabular") logTabularIssues(record, log);

  const kind = kindOf(record, source.kindHint);
  if (kind === null)
    return reject(null, "not a contract: neither a marché nor a contrat de concession");
  if (isFictitiousTestRecord(record)) return reject(kind, FICTITIOUS_RECORD_REASON);

  const id = cleanIdentifier(record.id);
  const buyerField = kind === "marche" ? "acheteur" : "autoriteConcedante";
  const buyer = cleanSiret(child(record, buyerField).id, `${buyerField}.id`, log);
  if (buyer === null) return reject(kind, `missing buyer id (${buyerField}.id)`);

  const format = detectRecordFormat(record, shape);
  const ids = { id, buyer, rawId: record.id };
  if (kind === "marche") {
    const rows = normaliseMarche(record, { id, buyer }, log, today);
    const c = rows.contract;
    const parties = rows.suppliers.map((s) => s.titulaire_id as string | null);
    const content = { objet: c.objet, amount: c.montant_initial, date: c.date_notification };
    const key = identify(c, { ...content, parties }, ids, log);
    return { type: "marche", ...key, format, issues: log.issues, ...rows };
  }
  const rows = normaliseConcession(record, { id, buyer }, log, today);
  const c = rows.concession;
  const parties = rows.holders.map((h) => h.concessionnaire_id as string | null);
  const content = { objet: c.objet, amount: c.valeur_globale_initiale, date: c.date_signature };
  const key = identify(c, { ...content, parties }, ids, log);
  return { type: "concession", ...key, format, issues: log.issues, ...rows };
}

/**
 * The key of a contract, written on its main row with why it was derived. A placeholder id is
 * kept as published (NULL when missing) and the record is not merged with other contracts of the
 * buyer that carry the same placeholder: the key comes from the content.
 */
function identify(
  row: Record<string, unknown>,
  content: ContractContent,
  ids: { id: string | null; buyer: string; rawId: unknown },
  log: IssueLog,
): Pick<Identified, "uid" | "contentKey" | "published"> {
  const key = contentKey(content);
  const placeholder = isPlaceholderId(ids.id);
  const uid = placeholder ? derivedUid(ids.buyer, ids.id, key) : `${ids.buyer}${ids.id}`;
  if (placeholder) log.add("id", ids.rawId ?? "", PLACEHOLDER_ID_PROBLEM, "flagged");
  row.uid = uid;
  row.uid_derivation = placeholder ? "placeholder_id" : null;
  return { uid, contentKey: key, published: row.date_publication_donnees as string | null };
}

/** normaliseRecord, where a record the normaliser cannot handle is rejected with the reason. */
export function normaliseOrReject(
  source: SourceRecord,
  shape: ContainerShape,
  today: Date,
): NormalisedRecord {
  try {
    return normaliseRecord(source, shape, today);
  } catch (error) {
    return reject(source.kindHint, `normalisation error: ${(error as Error).message}`);
  }
}

function reject(kind: RecordKind | null, reason: string): NormalisedRecord {
  return { type: "reject", kind, reason };
}

/** Stored in rejects.reason; the dashboard has its French words (client/src/quality-labels.js). */
export const FICTITIOUS_RECORD_REASON =
  "fictitious test record published by mistake (see fictitious-records.ts)";

const CONCESSION_TYPES = new Set(["contrat de concession", "contrat-concession", "concession"]);

function kindOf(record: Tree, hint: RecordKind | null): RecordKind | null {
  if (hint) return hint;
  if (typeof record._type === "string") {
    const type = record._type.trim().toLowerCase();
    if (type === "marché" || type === "marche") return "marche";
    if (CONCESSION_TYPES.has(type)) return "contrat-concession";
  }
  if ("autoriteConcedante" in record || "concessionnaires" in record) return "contrat-concession";
  if ("acheteur" in record || "titulaires" in record) return "marche";
  return null;
}
