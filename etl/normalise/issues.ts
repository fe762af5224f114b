// Every change the normaliser makes to a usable record is written down with the original value.

export type IssueAction = "repaired" | "nulled" | "flagged";

export interface FieldIssue {
  field: string; // dotted DECP path, e.g. "titulaires[1].id"
  raw: string;
  problem: string;
  action: IssueAction;
}

export class IssueLog {
  readonly issues: FieldIssue[] = [];

  /** XML carries every value as text: numbers and oui/non written as text are normal there. */
  constructor(readonly textualSource = false) {}

  add(field: string, raw: unknown, problem: string, action: IssueAction): void {
    this.issues.push({ field, raw: rawText(raw), problem, action });
  }
}

/** The original value as text, as it will be stored in field_issues.raw_value. */
export function rawText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value) ?? String(value);
}
