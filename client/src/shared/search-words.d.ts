// Types of search-words.js for the server's TypeScript (plain JavaScript, loaded by the browser).
export const MAX_SEARCH_WORDS: number;
export function searchWords(text: string): string[];
