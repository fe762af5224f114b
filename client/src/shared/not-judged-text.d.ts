// Types of not-judged-text.js for the server's TypeScript (the module itself is plain JavaScript,
// so that the browser loads the same file).
export function notJudgedText(
  code: unknown,
  row: { first_year?: unknown; last_year?: unknown; n_undated?: unknown },
  targetYear: number | null,
): string | null;
