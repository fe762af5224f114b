// Types of paris-time.js for the server's TypeScript (the module itself is plain JavaScript, so
// that the browser loads the same file).
export function formatDateTime(value: unknown): string;
