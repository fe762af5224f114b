// Types of csv-number.js for the server's TypeScript (the module itself is plain JavaScript, so
// that the browser loads the same file).
export const DECIMALS: Record<"percent" | "euro" | "integer" | "decimal", number>;
export function plainNumber(value: number): string;
export function roundedNumber(value: number, decimals: number): string;
export function numberField(
  value: number,
  options: { decimals?: number; decimalComma: boolean },
): string;
