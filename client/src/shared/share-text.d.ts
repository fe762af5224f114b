// Types of share-text.js for the server's TypeScript (the module itself is plain JavaScript, so
// that the browser loads the same file).
export function shareText(value: number): string;
