// The annual report as one self-contained, printable HTML page: no script, no external file
// (styles inline, charts as inline SVG), so it opens the same saved to disk, printed, or turned
// into PDF by Chromium. Every value is escaped (html-escape.ts).
import type { Chart } from "./charts.ts";
import type { ReportData } from "./data.ts";
import { annexSection } from "./html-annex.ts";
import { frenchSpacing } from "./french-spacing.ts";
import { html, trusted } from "./html-escape.ts";
import {
  indicatorsSection,
  peersSection,
  qualitySection,
  summarySection,
  suppliersSection,
} from "./html-sections.ts";
import { buyerName, TITLE } from "./words.ts";

const STYLE = `
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1b1b1b; font-size: 10.5pt; line-height: 1.4; max-width: 52rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 18pt; margin: 0 0 .2rem; } h2 { font-size: 14pt; border-bottom: 2px solid #1f4e8c; margin-top: 1.6rem; }
h3 { font-size: 12pt; margin: 1rem 0 .3rem; } h4 { font-size: 10.5pt; margin: .6rem 0 .2rem; }
.kicker { color: #1f4e8c; font-weight: bold; margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; font-size: 9.5pt; }
th, td { border: 1px solid #c8c8c8; padding: .2rem .35rem; text-align: left; vertical-align: top; }
caption { text-align: left; font-weight: bold; }
dl { display: grid; grid-template-columns: 11rem 1fr; gap: .15rem .6rem; margin: .3rem 0; } dt { font-weight: bold; } dd { margin: 0; }
/* Each indicator whole on its page, its chart beside its table of values: a block of about a
   third of an A4 page, so the indicators flow two or three to a page (one each, over half a page,
   made a small buyer's report 23 pages long, most of them half empty). */
.indicator { break-inside: avoid; border-top: 1px solid #ddd; padding-top: .3rem; }
.evolution { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 0 .8rem; align-items: start; }
h2, h3, caption { break-after: avoid; } tr { break-inside: avoid; }
/* The quality's title, grade and rules stay on one page (three of its five rules went alone to
   the next page, away from their title); longer tables are cut between rows. */
.together { break-inside: avoid; }
.status { display: inline-block; font-weight: bold; padding: 0 .4rem; border: 1px solid currentColor; }
.status--met { color: #18753c; } .status--behind { color: #b3261e; } .status--not_applicable, .status--too_few, .status--little_known, .status--not_due, .status--no_2024_format, .status--unknown, .status--no_contract, .status--no_target { color: #555; }
.chart svg { max-width: 100%; height: auto; } figure { margin: .3rem 0; } figcaption { font-size: 9pt; color: #444; }
.grade { font-size: 13pt; font-weight: bold; } .warning { color: #b3261e; font-weight: bold; }
/* The annex follows on the page where the report ends: begun on a page of its own, it left most
   of a small buyer's last page empty. Its title stays with what follows (h2 break-after). */
.snapshot { font-family: monospace; }
/* The method of each indicator, in two columns on paper: the same for every buyer, it took six
   pages of a two-contract buyer's report. */
.method { break-inside: avoid; } .method ul { margin: .2rem 0; padding-left: 1.1rem; }
@media print { .methods { columns: 2; column-gap: 1.2rem; font-size: 8.5pt; } .method h4 { margin-top: 0; } }
@media print { body { margin: 0; max-width: none; font-size: 10pt; line-height: 1.3; } a { color: inherit; } dl { grid-template-columns: 10.5rem 1fr; } figcaption { font-size: 8pt; } }
/* A web address breaks anywhere, so that a table holding one keeps to a phone's screen; so do the
   annex's pages of the indicators without value (« /indicateur/social_consideration_share, … »). */
a.address, .other-methods { overflow-wrap: anywhere; }
/* On a phone a table wider than the screen scrolls in its own box (focusable, for the keyboard's arrows): the page never scrolls sideways. */
@media screen and (max-width: 40rem) { body { padding: 0 .6rem; } .evolution { grid-template-columns: minmax(0, 1fr); } .table-box { overflow-x: auto; } table { font-size: 8pt; } th, td { padding: .15rem .2rem; } }
`;

export function reportHtml(data: ReportData, charts: Chart[]): string {
  const name = buyerName(data);
  const page = html`<!doctype html>
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${TITLE} ${data.year} – ${name}</title>
        <link rel="icon" href="data:," />
        <style>
          ${trusted(STYLE)}
        </style>
      </head>
      <body>
        <header>
          <p class="kicker">${TITLE}</p>
          <h1>${name}</h1>
          <p>
            Année ${data.year} · SIRET ${data.siret}${data.buyerType ? ` · ${data.buyerType}` : ""}
          </p>
        </header>
        <main>
          ${summarySection(data)}${indicatorsSection(data, charts)}${peersSection(data)}${suppliersSection(data)}${qualitySection(data)}${annexSection(data)}
        </main>
      </body>
    </html>`;
  return frenchSpacing(page.text);
}
