// Types of share-text.js for the server's TypeScript (the module itself is plain JavaScript, so
// that the browser loads the same file).
export function shareText(value: number): string;
export function withoutNegativeZero(formatter: Intl.NumberFormat): (value: number) => string;
