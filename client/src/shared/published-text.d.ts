// Types of published-text.js for the server's TypeScript (plain JavaScript, loaded by the browser).
export function publishedText(text: string): string;
