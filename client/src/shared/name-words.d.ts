// Types of name-words.js for the server's TypeScript (plain JavaScript, loaded by the browser).
export const MAX_NAME_WORDS: number;
export function nameWords(text: string): string[];
