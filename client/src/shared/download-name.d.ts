// Types of download-name.js for the server's TypeScript (plain JavaScript, loaded by the browser).
export function downloadName(id: string, query: URLSearchParams, format: string): string;
