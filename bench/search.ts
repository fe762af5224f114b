// The name search alone (npm run bench -- --file FILE --only-search): the ETL of the file into a
// database of its own, then the searches of steps/search.ts on the real server. The full run
// measures them too, on its own snapshot. Either writes its section of bench/results.md between
// two markers, the rest of the file left as is. No target is set for search: the figures say what
// a reader waits for as the who's who grows.
import { withOwnSnapshot } from "./steps/own-snapshot.ts";
import { measureSearch, searchLines, type SearchFigures } from "./steps/search.ts";
import { writeMeasuredSection } from "./steps/section.ts";

const MARKERS = {
  begin: "<!-- search: written by npm run bench (or -- --only-search) -->",
  end: "<!-- /search -->",
};

/** Writes the section of results.md; `measured` says on what, when and by which command. */
export function writeSearchSection(
  resultsMd: string,
  figures: SearchFigures,
  measured: string,
): string {
  const title = "Name search (search page and buyer field, answer cache off)";
  return writeMeasuredSection(resultsMd, MARKERS, title, measured, searchLines(figures));
}

export function benchSearch(
  file: string,
  resultsMd: string,
  say: (line: string) => void,
): Promise<string> {
  return withOwnSnapshot(file, "search", say, async ({ db, measuredLine }) => {
    say("name search…");
    const figures = await measureSearch(db, say);
    const measured = measuredLine(`npm run bench -- --file ${file} --only-search`);
    return writeSearchSection(resultsMd, figures, measured);
  });
}
