// Types of csv-text.js for the server's TypeScript (the module itself is plain JavaScript, so
// that the browser loads the same file).
export const LOOKS_NUMERIC: RegExp;
export const FORMULA_START: RegExp;
export interface TextDialect {
  separator: string;
  guardFormulas: boolean;
  keepCodesAsText: boolean;
}
export function quoted(text: string): string;
export function textField(text: string, dialect: TextDialect): string;
export function csvDocument(
  lines: string[][],
  dialect: { separator: string; bom: boolean },
): string;
