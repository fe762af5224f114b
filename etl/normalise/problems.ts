// Field-issue problems that the run summary counts case by case (etl/load/run-cases.ts) or that
// SQL writes (etl/sql/deduplicate.sql gets them as parameters): one spelling, in one place.
// Problems are stored in English; the dashboard shows them in French (client/src/quality-labels.js).

export const PLACEHOLDER_ID_PROBLEM =
  "contract id missing or generic (placeholder): key derived from the buyer and the content";

export const SHARED_ID_PROBLEM =
  "contract id shared by several lots published the same day: key derived from the content";

export const CORRECTED_LOT_PROBLEM =
  "lot republished later with one field corrected: counted once, as the lot it corrects";

export const DELTA_AMOUNT_PROBLEM =
  "modification amount below half the previous total: probably a delta, not the new total";

export const SIRET_TYPE_INFERRED_PROBLEM = "typeIdentifiant missing: the id is a valid SIRET";

export const EMPTY_PARTY_PROBLEM = "empty party (no id, no type, no name): not a party";

export const REPEATED_PARTY_PROBLEM =
  "party listed again under the same id on the same contract: counted once";

export const FUTURE_DATE_PROBLEM = "date after the day the data were loaded: impossible";

export const NOTIFIED_AFTER_PUBLICATION_PROBLEM =
  "notification after the publication of the data: one of the two dates is wrong";

export const SUBCONTRACTING_CONTRADICTION_PROBLEM =
  "sousTraitanceDeclaree is false but the contract publishes acts of sous-traitance";

export const OUTSIDE_LIST_PROBLEM = "value outside the DECP list";

/** What the run summary counts per source, each case by the problem its field issues carry. */
export const RUN_CASES = {
  amount_delta_set_aside: DELTA_AMOUNT_PROBLEM,
  siret_type_recognised: SIRET_TYPE_INFERRED_PROBLEM,
  empty_party_dropped: EMPTY_PARTY_PROBLEM,
  repeated_party_dropped: REPEATED_PARTY_PROBLEM,
  future_date_nulled: FUTURE_DATE_PROBLEM,
  notified_after_publication: NOTIFIED_AFTER_PUBLICATION_PROBLEM,
  value_outside_list: OUTSIDE_LIST_PROBLEM,
  subcontracting_contradiction: SUBCONTRACTING_CONTRADICTION_PROBLEM,
} as const;

export type RunCase = keyof typeof RUN_CASES;
