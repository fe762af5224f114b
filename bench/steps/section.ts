// A section of bench/results.md that one partial run rewrites (npm run bench -- --only-tabular or
// --only-hostile): written between its two markers in place of the previous one, or at the end,
// the rest of the file left as it is.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export interface Markers {
  begin: string;
  end: string;
}

/** Puts the section (which starts and ends with its markers) in place of the previous one. */
export function writeSection(resultsMd: string, markers: Markers, section: string): void {
  const text = existsSync(resultsMd) ? readFileSync(resultsMd, "utf8") : "";
  const start = text.indexOf(markers.begin);
  const end = text.indexOf(markers.end);
  const next =
    start !== -1 && end !== -1
      ? text.slice(0, start) + section + text.slice(end + markers.end.length)
      : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(resultsMd, next);
}

/**
 * Writes a section of its title, the line that says what was measured (when, on what, by which
 * command) and its lines, between its markers; returns it.
 */
export function writeMeasuredSection(
  resultsMd: string,
  markers: Markers,
  title: string,
  measured: string,
  lines: string[],
): string {
  const section = [markers.begin, `### ${title}`, "", measured, "", ...lines, markers.end].join(
    "\n",
  );
  writeSection(resultsMd, markers, section);
  return section;
}
