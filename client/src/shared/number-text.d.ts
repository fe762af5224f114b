// Types of number-text.js for the server's TypeScript (the module itself is plain JavaScript, so
// that the browser loads the same file).
export function numberText(value: number, format: string): string;
