// Types of value-text.js for the server's TypeScript (the module itself is plain JavaScript, so
// that the browser loads the same file).
export function formatValue(value: unknown, format: string | undefined): string;
export function formatEuro(n: number): string;
export const OPS: Record<string, string>;
export function formatBound(
  bound: { op: string; value: number } | undefined,
  format: string,
): string;
