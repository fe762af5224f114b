// Types of missing-key.js for the server's TypeScript (the module itself is plain JavaScript, so
// that the browser loads the same file).
export const TIME_KEYS: string[];
export const NO_LABEL: string;
export const UNKNOWN_DATE: string;
export function missingKeyText(key: string): string;
export function keyLabelText(key: string, label: unknown, code: unknown): string;
