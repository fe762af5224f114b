// Types of french-words.js for the server's TypeScript (the module itself is plain JavaScript,
// so that the browser loads the same file).
export function plural(count: unknown, one: string, many: string): string;
export function listed(items: string[]): string;
export function inSentence(label: string): string;
