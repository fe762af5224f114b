// Errors a user can fix (a broken definition, a bad request) carry a code and where the problem
// is; anything else thrown by the engine is a plain Error, i.e. a bug (HTTP 500 upstream).

export type IssueCode =
  // Definitions and model
  | "yaml_syntax"
  | "invalid_definition"
  | "invalid_model"
  | "unknown_field"
  | "unknown_dimension"
  | "type_mismatch"
  | "duplicate_id"
  | "id_mismatch"
  | "read_failed"
  // SPASER files (indicators/plans/)
  | "invalid_spaser"
  // Requests
  | "unknown_indicator"
  | "unknown_parameter"
  | "dimension_not_allowed"
  | "invalid_filter"
  | "unknown_operator"
  | "invalid_value"
  | "invalid_grain"
  | "too_many_breakdowns";

/** One problem, located: in a file at a dotted path, or in a request parameter. */
export interface Issue {
  code: IssueCode;
  message: string;
  /** Definition or model file (as given to the loader). */
  file?: string;
  /** Dotted path inside the file (`measure.numerator.where.op`); "" for the whole file. */
  path?: string;
  /** Request parameter (`by`, `grain`, `filter`) for request errors. */
  param?: string;
}

export class IndicatorError extends Error {
  readonly code: IssueCode;
  readonly issues: Issue[];

  constructor(issues: Issue[]) {
    const first = issues[0];
    if (!first) throw new Error("IndicatorError needs at least one issue");
    super(issues.map(formatIssue).join("\n"));
    this.name = "IndicatorError";
    this.code = first.code;
    this.issues = issues;
  }

  /** HTTP status for the server: an unknown indicator is a 404, every other user error a 400. */
  get httpStatus(): 400 | 404 {
    return this.code === "unknown_indicator" ? 404 : 400;
  }
}

export function isIndicatorError(error: unknown): error is IndicatorError {
  return error instanceof IndicatorError;
}

/** `file: path: message` for definitions, `parameter "by": message` for requests. */
export function formatIssue(issue: Issue): string {
  const where: string[] = [];
  if (issue.file !== undefined) where.push(issue.file);
  if (issue.path) where.push(issue.path);
  if (issue.param !== undefined) where.push(`parameter "${issue.param}"`);
  return where.length > 0 ? `${where.join(": ")}: ${issue.message}` : issue.message;
}

/** Dotted path from zod-like path segments: `measure.numerator.where.and.0.op`. */
export function dottedPath(segments: readonly PropertyKey[]): string {
  return segments.map((segment) => String(segment)).join(".");
}

/** Echoed values are shortened so a hostile megabyte does not come back in the message. */
export function clip(text: string, max = 60): string {
  const printable = JSON.stringify(text).slice(1, -1);
  return printable.length > max ? `${printable.slice(0, max)}…` : printable;
}
