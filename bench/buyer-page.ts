// The buyer's page alone (npm run bench -- --file FILE --only-buyer): the ETL of the file into a
// database of its own, then the page's requests of steps/buyer-page.ts on the real server. The
// full run measures them too, on its own snapshot. Either writes its section of bench/results.md
// between two markers, the rest of the file left as is.
import { measureBuyerPage, type BuyerPageFigures } from "./steps/buyer-page.ts";
import { BROWSER_NAME } from "./steps/home-page.ts";
import { withOwnSnapshot } from "./steps/own-snapshot.ts";
import { writeMeasuredSection } from "./steps/section.ts";

const MARKERS = {
  begin: "<!-- buyer-page: written by npm run bench (or -- --only-buyer) -->",
  end: "<!-- /buyer-page -->",
};

const n = (x: number) => x.toLocaleString("en-US");

/** Each part's time for each buyer: a section's request, or the cards' requests summed. */
function partLines(figures: BuyerPageFigures[]): string[] {
  const parts = [...new Set(figures.flatMap((f) => f.requests.map((r) => r.part)))];
  const sections = parts.filter((p) => !p.startsWith("carte "));
  const cell = (f: BuyerPageFigures, wanted: (part: string) => boolean) => {
    const ms = f.requests.filter((r) => wanted(r.part)).map((r) => r.ms);
    return ms.length === 1 ? `${n(ms[0] ?? 0)} ms` : `${n(ms.reduce((a, b) => a + b, 0))} ms`;
  };
  const cards = figures[0]?.requests.filter((r) => r.part.startsWith("carte ")).length ?? 0;
  return [
    `| request, alone | ${figures.map((f) => `${f.label} (${n(f.contracts)} contracts)`).join(" | ")} |`,
    `|---|${figures.map(() => "---").join("|")}|`,
    ...sections.map(
      (part) => `| ${part} | ${figures.map((f) => cell(f, (p) => p === part)).join(" | ")} |`,
    ),
    `| the ${cards} card requests, summed | ${figures.map((f) => cell(f, (p) => p.startsWith("carte "))).join(" | ")} |`,
  ];
}

export function buyerPageLines(figures: BuyerPageFigures[]): string[] {
  const seconds = (s: number | null) => (s === null ? "no Chromium" : `${s.toFixed(2)} s`);
  return [
    `| buyer | contracts | requests | fetched as the page does | ${BROWSER_NAME}, until ready | slowest request | errors |`,
    "|---|---|---|---|---|---|---|",
    ...figures.map((f) => {
      const slowest = [...f.requests].sort((a, b) => b.ms - a.ms)[0];
      return `| ${f.label} (${f.siret}) | ${n(f.contracts)} | ${f.requests.length} | **${f.page_seconds.toFixed(2)} s** | ${seconds(f.chromium_seconds)} | ${slowest?.part} ${n(slowest?.ms ?? 0)} ms | ${f.errors} |`;
    }),
    "",
    ...partLines(figures),
  ];
}

/** Writes the section of results.md; `measured` says on what, when and by which command. */
export function writeBuyerPageSection(
  resultsMd: string,
  figures: BuyerPageFigures[],
  measured: string,
): string {
  const title = "Buyer page (answer cache off)";
  return writeMeasuredSection(resultsMd, MARKERS, title, measured, buyerPageLines(figures));
}

export function benchBuyerPage(
  file: string,
  resultsMd: string,
  say: (line: string) => void,
): Promise<string> {
  return withOwnSnapshot(file, "buyer-page", say, async ({ db, measuredLine }) => {
    say("buyer page…");
    const figures = await measureBuyerPage(db, say);
    const measured = measuredLine(`npm run bench -- --file ${file} --only-buyer`);
    return writeBuyerPageSection(resultsMd, figures, measured);
  });
}
