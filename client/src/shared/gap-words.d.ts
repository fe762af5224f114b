// Types of gap-words.js for the server's TypeScript (the module itself is plain JavaScript, so
// that the browser loads the same file).
export function gapText(g: {
  value: number | null;
  target: { year: number; value: number } | null;
  year: number;
  format: string;
  polarity: string;
  status: string;
}): string | null;
