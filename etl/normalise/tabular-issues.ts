// Records grouped from the rows of a CSV or Parquet file (etl/tabular/) carry, under `_tabular`,
// what the grouping repaired, nulled or flagged (a publisher's marker, rows that disagree): the
// normaliser logs it with its own issues, so it reaches field_issues under the contract's key.
import type { IssueAction, IssueLog } from "./issues.ts";
import { isTree, type Tree } from "./structure.ts";

const ACTIONS = new Set<IssueAction>(["repaired", "nulled", "flagged"]);

export function logTabularIssues(record: Tree, log: IssueLog): void {
  const tabular = record._tabular;
  if (!isTree(tabular) || !Array.isArray(tabular.issues)) return;
  for (const issue of tabular.issues) {
    if (!isTree(issue)) continue;
    const action = issue.action as IssueAction;
    if (typeof issue.field !== "string" || typeof issue.problem !== "string") continue;
    if (!ACTIONS.has(action)) continue;
    log.add(issue.field, issue.raw ?? "", issue.problem, action);
  }
}
