// Which key identifies a contract. The DECP's own rule is uid = buyer SIRET + contract id, but real
// files publish ids that identify nothing (empty, "000000000000", "2019050000000000") and, in the
// 2024 daily files, several lots under one id. Merging those would lose distinct contracts, so:
//
// - a placeholder id (placeholderId below) gets a key derived from the buyer and the content;
// - lots under one id are told apart in SQL (etl/sql/deduplicate.sql) with the same content key.
//
// The content key is a hash of what makes two publications the same contract: objet, initial
// amount, notification (or signature) date and the sorted ids of the titulaires. Two records with
// the same content keep the same key, so a true republication is still a duplicate.
//
// Party ids (buyer, titulaire) that identify no one, such as 00000000000000: lib/party-ids.ts.
import { createHash } from "node:crypto";

/** Why a contract's key is not the published buyer + id. */
export const UID_DERIVATIONS = ["placeholder_id", "shared_id"] as const;
export type UidDerivation = (typeof UID_DERIVATIONS)[number];

// A bare year (2019), or a year, optionally a month, then a run of at least six zeros: padding
// around nothing (2019050000000000, 201900000000). Short forms such as 20190100 are left alone:
// in the DGFiP convention they read year + contract number + amendment number.
const BARE_YEAR = /^(?:19|20)\d{2}$/;
const YEAR_THEN_PADDING = /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])?0{6,}$/;
// Separators producers put around numbers: they identify nothing by themselves.
const SEPARATORS = /[\s\-_./\\|#*?]/g;

/**
 * An id that cannot identify a contract of its buyer: missing or blank (or a missing-value
 * marker); made of separators only; only zeros; one character repeated at least four times
 * ("XXXX", "99999999"); a bare year; or a year, optionally a month, padded with six zeros or
 * more. Treating a real id as a placeholder costs little (the key comes from the content, and
 * identical contents still merge), but a corrected republication would then count twice: the rule
 * stays narrow.
 */
export function isPlaceholderId(id: string | null): boolean {
  if (id === null) return true;
  const compact = id.replace(SEPARATORS, "");
  if (compact === "" || /^0+$/.test(compact) || /^(.)\1{3,}$/.test(compact)) return true;
  return BARE_YEAR.test(compact) || YEAR_THEN_PADDING.test(compact);
}

export interface ContractContent {
  objet: unknown;
  amount: unknown;
  date: unknown;
  parties: (string | null)[];
}

/** 12 hexadecimal characters (48 bits) from the content: stable from run to run. */
export function contentKey(content: ContractContent): string {
  const parties = content.parties.map((p) => p ?? "").sort();
  const text = JSON.stringify([
    content.objet ?? null,
    content.amount ?? null,
    content.date ?? null,
    parties,
  ]);
  return createHash("sha1").update(text).digest("hex").slice(0, 12);
}

/** The derived key: the published key (buyer + id, the id possibly empty), "~", the content key. */
export function derivedUid(buyer: string, id: string | null, key: string): string {
  return `${buyer}${id ?? ""}~${key}`;
}
