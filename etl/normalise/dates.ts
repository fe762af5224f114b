// Dates that contradict each other within a record. Each date alone was checked by cleanDate.
import type { IssueLog } from "./issues.ts";
import { NOTIFIED_AFTER_PUBLICATION_PROBLEM } from "./problems.ts";

/**
 * A contract notified (or signed) after its data were published is impossible: one of the two
 * dates is wrong, and nothing says which. Both are kept and the record is flagged; the indicators
 * that need both (publication delay) leave such contracts out.
 */
export function checkDates(
  notified: string | null,
  published: string | null,
  field: string,
  log: IssueLog,
): void {
  if (notified !== null && published !== null && notified > published) {
    log.add(field, `${notified} > ${published}`, NOTIFIED_AFTER_PUBLICATION_PROBLEM, "flagged");
  }
}
