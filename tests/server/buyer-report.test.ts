// The annual report of real buyers of the samples, on the real server: every indicator figure
// of the HTML page (value, N, scope, coverage, and the French number shown) equals the API's
// answer for the same buyer and year, and its summary counts each status once; the page says
// nothing in English and runs no script. The suppliers' places: buyer-report-places.test.ts; the
// DOCX, the PDF without a browser and the HTML writer: buyer-report-formats.test.ts.
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { BuyerQuality, IndicatorResult } from "../../server/api-types.ts";
import { shareText } from "../../client/src/shared/share-text.js";
import { plain, smallBuyerCase, shownIndicators, visibleText } from "./helpers/report-page.ts";
import { useReportServer } from "./helpers/report-server.ts";
import { queryFile } from "./helpers/test-server.ts";

/** Buyer and year with most contracts, and with most contracts in the 2024 format. */
const report = useReportServer();

const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });

describe("GET /api/buyers/:siret/report (HTML)", () => {
  it("shows every responsible-purchasing indicator with the API's value, N and coverage", async () => {
    const catalogue = await report.t.json<{ indicators: { id: string; theme: string }[] }>(
      "/api/indicators",
    );
    const responsible = catalogue.indicators.filter((i) => i.theme === "responsible");
    expect(responsible.length).toBeGreaterThan(5);
    let withValue = 0;
    for (const { siret, year } of report.cases) {
      const response = await report.t.get(`/api/buyers/${siret}/report?year=${year}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(response.headers.get("content-security-policy")).toContain("script-src 'none'");
      const page = plain(await response.text());
      expect(page).not.toMatch(/<script/i);
      const shown = shownIndicators(page);
      expect(shown.map((s) => s.id).sort()).toEqual(responsible.map((i) => i.id).sort());
      for (const s of shown) {
        const api = await report.t.json<IndicatorResult>(
          `/api/indicators/${s.id}?acheteur_id=${siret}&grain=year`,
        );
        const row = api.rows.find((r) => r.year === year);
        expect(s.value, s.id).toBe(row?.value === null || !row ? "" : String(row.value));
        expect(Number(s.n), s.id).toBe(row ? row.n : 0);
        expect(Number(s.scope), s.id).toBe(row ? row.n_scope : 0);
        if (s.coverage !== undefined && row) {
          expect(s.coverage, s.id).toBe(row.coverage === null ? "" : String(row.coverage));
        }
        if (typeof row?.value === "number") {
          withValue += 1;
          expect(s.text, s.id).toBe(percent.format(row.value));
        }
      }
      const quality = await report.t.json<BuyerQuality>(
        `/api/buyers/${siret}/quality?year=${year}`,
      );
      expect(page).toContain(`data-grade="${quality.grade ?? ""}"`);
      expect(page).toContain(`<span class="snapshot">${quality.snapshot_id}</span>`);
      const text = visibleText(page);
      for (const english of [
        /\bthe\b/i,
        /\bnull\b/,
        /\bundefined\b/,
        /\bNaN\b/,
        /\btrue\b/,
        /\bfalse\b/,
        /\bbidder\b/i,
      ]) {
        expect(text).not.toMatch(english);
      }
    }
    // The test speaks of real figures: some indicator has a value in the chosen report.cases.
    expect(withValue).toBeGreaterThan(0);
  });

  it("calls the earlier value « année précédente » only when it is the year just before", async () => {
    let named = 0;
    for (const { siret, year } of report.cases) {
      const page = await report.text(`/api/buyers/${siret}/report?year=${year}`);
      const earlier = [
        ...page.matchAll(
          /<dt>(Année précédente|Dernière année (?:connue|avec des marchés concernés) avant (\d{4}))<\/dt>\s*<dd>([^<]*)<\/dd>/g,
        ),
      ];
      expect(earlier.length, `${siret} ${year}`).toBeGreaterThan(0);
      for (const [, label, before, text] of earlier) {
        const shown = /en (\d{4}) \(N = /.exec(text ?? "")?.[1];
        // A year is shown with its N, known or not (« information inconnue en 2018 (N = 0 … »).
        if (label === "Année précédente") {
          // The year before, or none at all.
          if (shown) expect(Number(shown), text).toBe(year - 1);
          else
            expect(text?.replaceAll("&#39;", "'")).toBe(
              "aucun marché concerné les années précédentes, dans les données disponibles",
            );
        } else {
          expect(Number(before)).toBe(year);
          expect(Number(shown), text).toBeLessThan(year - 1);
          named++;
        }
      }
    }
    // Some indicator of these report.cases has its latest earlier value years before: the other label.
    expect(named).toBeGreaterThan(0);
  });

  it("gives each year of an indicator's table its N and its coverage, as the API does", async () => {
    const { siret, year } = report.cases[1] ?? { siret: "", year: 0 };
    const page = await report.text(`/api/buyers/${siret}/report?year=${year}`);
    const article = page
      .split(/(?=<article\b)/)
      .find((a) => a.includes('data-indicator="sme_share"') && a.includes('class="trend"'));
    expect(article).toBeDefined();
    const table = /<table class="trend">([\s\S]*?)<\/table>/.exec(article ?? "")?.[1] ?? "";
    const cells = (row: string) =>
      [...row.matchAll(/<t[dh][^>]*>\s*([\s\S]*?)\s*<\/t[dh]>/g)].map((m) => m[1] ?? "");
    const [head, ...rows] = table.split(/<tr\b/).slice(1).map(cells);
    expect(head).toEqual(["Année", "Valeur", "N", "Couverture"]);
    const api = await report.t.json<IndicatorResult>(
      `/api/indicators/sme_share?by=year&filter=acheteur_id=${siret}`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const [shownYear, , n, coverage] of rows) {
      const row = api.rows.find((r) => String(r.year) === shownYear);
      expect(row, shownYear).toBeDefined();
      expect(n?.replace(/\s/g, ""), shownYear).toBe(String(row?.n));
      expect(coverage?.replace(/\s/g, " "), shownYear).toBe(
        row?.coverage === null || row?.coverage === undefined
          ? "sans objet"
          : shareText(row.coverage).replace(/\s/g, " "),
      );
    }
  });

  it("draws a trend chart for each indicator with a value", async () => {
    const { siret, year } = report.cases[1] ?? { siret: "", year: 0 };
    const page = await report.text(`/api/buyers/${siret}/report?year=${year}`);
    const withValue = shownIndicators(page).filter((s) => s.value !== "");
    const charts = [...page.matchAll(/data-chart="([a-z_]+)"/g)].map((m) => m[1]);
    for (const s of withValue) expect(charts).toContain(s.id);
    expect(page.match(/<svg\b/g)?.length ?? 0).toBeGreaterThanOrEqual(withValue.length);
  });

  it("draws no evolution for a single year below the minimum N: one sentence instead, in the HTML and the DOCX", async () => {
    // A buyer with two contracts in its only year: every figure rests on too few contracts.
    const { siret, year } = await smallBuyerCase(report.t);
    const page = await report.text(`/api/buyers/${siret}/report?year=${year}`);
    const articles = page.split(/(?=<article\b)/).filter((a) => a.startsWith("<article"));
    expect(articles.length).toBeGreaterThan(2);
    let lone = 0;
    for (const article of articles) {
      const id = /data-indicator="([^"]+)"/.exec(article)?.[1] ?? "";
      const api = await report.t.json<IndicatorResult>(
        `/api/indicators/${id}?acheteur_id=${siret}&grain=year`,
      );
      const valued = api.rows.filter((r) => typeof r.value === "number" && r.n > 0);
      const tooFew = valued.length === 1 && valued[0]?.flags.includes("below_min_n");
      // Its value, N and coverage stay in the block; no chart, no table of one year.
      expect(article, id).toContain("<dt>Base du calcul</dt>");
      expect(article.includes('class="chart"'), id).toBe(!tooFew);
      expect(article.includes('class="trend"'), id).toBe(!tooFew);
      expect(article.includes("pas d&#39;évolution à tracer"), id).toBe(tooFew);
      if (tooFew) lone += 1;
    }
    expect(lone).toBeGreaterThan(2);
    const docx = await report.t.get(`/api/buyers/${siret}/report?year=${year}&format=docx`);
    const files = unzipSync(new Uint8Array(await docx.arrayBuffer()));
    const document = strFromU8(files["word/document.xml"] ?? new Uint8Array());
    expect(document.match(/<pic:pic\b/g)?.length ?? 0).toBe(articles.length - lone);
    expect(document.match(/pas d(?:'|&apos;)évolution à tracer/g)?.length).toBe(lone);
  });

  it("compares with the year before only when the data hold contracts of it", async () => {
    // A buyer-year whose year before has contracts, and one whose year before has none.
    const pick = (previous: string) =>
      queryFile(
        report.t.dbPath,
        `WITH years AS (
           SELECT acheteur_id, year(date_notification) AS y, count(*) AS n FROM contracts
            WHERE date_notification IS NOT NULL GROUP BY ALL)
         SELECT a.acheteur_id, a.y, coalesce(p.n, 0) AS previous
           FROM years a LEFT JOIN years p ON p.acheteur_id = a.acheteur_id AND p.y = a.y - 1
          WHERE coalesce(p.n, 0) ${previous} ORDER BY a.n DESC, 1, 2 LIMIT 1`,
      );
    const [compared] = await pick("> 0");
    const [alone] = await pick("= 0");
    const summary = async (row: Record<string, unknown> | undefined) => {
      const page = await report.t.get(
        `/api/buyers/${String(row?.acheteur_id)}/report?year=${Number(row?.y)}`,
      );
      return visibleText(plain(await page.text())).replaceAll("&#39;", "'");
    };
    const before = Number(compared?.y) - 1;
    expect(await summary(compared)).toMatch(
      new RegExp(`, contre ${Number(compared?.previous)} marchés? en ${before}\\.`),
    );
    const text = await summary(alone);
    expect(text).not.toMatch(/, contre [0-9]/);
    expect(text).toContain(
      `aucun de ses marchés notifiés en ${Number(alone?.y) - 1} : l'évolution d'une année sur l'autre n'est pas connue.`,
    );
  });

  it("sums up where each indicator of the page stands, every one counted once", async () => {
    // Each reason's words in the summary, after its count (the verb agreed with it).
    const words: Record<string, RegExp> = {
      met: /^(atteint son|atteignent leur) objectif/,
      behind: /^(est|sont) en retard/,
      too_few: /^(repose|reposent) sur trop peu/,
      little_known: /^(repose|reposent) sur une information trop peu renseignée/,
      no_target: /^(n'a|n'ont) pas d'objectif fixé/,
      not_due: /^(a|ont) un objectif fixé pour une année suivante/,
      no_2024_format: /^((manque|manquent) )?faute de marchés publiés au format 2024/,
      unknown: /^((manque|manquent) )?faute d'information connue/,
      no_contract: /^((manque|manquent) )?faute de marché concerné cette année/,
    };
    for (const { siret, year } of report.cases) {
      const page = await report.text(`/api/buyers/${siret}/report?year=${year}`);
      // Each indicator's status, from its block or its row (an indicator may be in both).
      const byIndicator = new Map(
        [...page.matchAll(/data-indicator="([^"]+)"\s+data-status="(\w+)"/g)].map((m) => [
          m[1],
          m[2],
        ]),
      );
      const statuses = [...byIndicator.values()];
      expect(statuses.length).toBeGreaterThan(10);
      const sentence = /Sur (\d+) indicateurs d'achats responsables, [^<]*\./.exec(
        page.replaceAll("&#39;", "'"),
      )?.[0];
      expect(sentence, `${siret} ${year}`).toBeDefined();
      expect(sentence).toMatch(new RegExp(`^Sur ${statuses.length} indicateurs`));
      for (const [status, after] of Object.entries(words)) {
        const n = statuses.filter((s) => s === status).length;
        const said = (sentence ?? "")
          .split(/, | et | ; | : /)
          .map((clause) => /^(\d+) (.*)$/.exec(clause))
          .filter((m) => m !== null && after.test(m[2] ?? ""));
        if (n === 0 && status !== "met") expect(said, `${siret} ${year} ${status}`).toEqual([]);
        else if (n > 0) {
          expect(
            said.map((m) => Number(m?.[1])),
            `${status}`,
          ).toEqual([n]);
        } else {
          // No target met: said only when some indicator with a value has a target.
          const judged = statuses.some((s) => ["behind", "little_known"].includes(s));
          expect(sentence?.includes("aucun n'atteint son objectif"), `${siret} ${year}`).toBe(
            judged,
          );
        }
      }
    }
  });

  it("says a quality rule that could check none of its contracts is unknown, not « sans objet »", async () => {
    // The busiest buyer and year whose source publishes no date of publication at all: every
    // contract is concerned by the two-month rule, none can be checked.
    const [chosen] = await queryFile(
      report.t.dbPath,
      `SELECT acheteur_id, year(date_notification) AS y, count(*) AS n FROM contracts
        WHERE date_notification IS NOT NULL GROUP BY ALL
       HAVING count(date_publication_donnees) = 0 ORDER BY n DESC, 1, 2 LIMIT 1`,
    );
    expect(Number(chosen?.n)).toBeGreaterThan(1);
    const page = await report.text(
      `/api/buyers/${String(chosen?.acheteur_id)}/report?year=${Number(chosen?.y)}`,
    );
    const row = /<tr\s+data-component="published_on_time"[\s\S]*?<\/tr>/.exec(page)?.[0] ?? "";
    const cells = [...row.matchAll(/<td>\s*([\s\S]*?)\s*<\/td>/g)].map((m) => m[1]);
    expect(cells[1]?.replaceAll("&#39;", "'")).toBe(
      `inconnu (aucun des ${new Intl.NumberFormat("fr-FR").format(Number(chosen?.n))} marchés concernés n'a pu être vérifié)`,
    );
    expect(cells[2]).toBe("0");
  });

  it("names the fields a rule could not check, their source not publishing them", async () => {
    // decp.info's extract has 17 of its 58 columns: no objet, no nature… on its contracts.
    const [chosen] = await queryFile(
      report.t.dbPath,
      `SELECT acheteur_id, year(date_notification) AS y FROM contracts
        WHERE source LIKE '%decp-info%' AND date_notification IS NOT NULL
        GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1`,
    );
    const siret = String(chosen?.acheteur_id);
    const year = Number(chosen?.y);
    const quality = await report.t.json<BuyerQuality>(`/api/buyers/${siret}/quality?year=${year}`);
    const unchecked = quality.components.filter((c) => c.unverifiable.length > 0);
    expect(unchecked.map((c) => c.id)).toContain("mandatory_fields");
    const page = (await report.text(`/api/buyers/${siret}/report?year=${year}`)).replaceAll(
      "&#39;",
      "'",
    );
    const notes = [
      ...(/<ul class="unverifiable">([\s\S]*?)<\/ul>/.exec(page)?.[1] ?? "").matchAll(
        /<li>\s*([\s\S]*?)\s*<\/li>/g,
      ),
    ].map((m) => m[1] ?? "");
    expect(notes).toHaveLength(unchecked.length);
    for (const [i, c] of unchecked.entries()) {
      const note = notes[i] ?? "";
      expect(note.startsWith(`${c.title} : `), note).toBe(true);
      for (const field of c.unverifiable) {
        expect(note).toContain(field.label);
        expect(note).toContain(`sur ${field.contracts} marché`);
      }
      expect(note).toMatch(/, leur source ne publiant pas (ce champ|ces champs)\.$/);
    }
  });

  it("keeps each French sign on the line of the word before it: no-break spaces", async () => {
    // A line of the printed report began with a lone « » ».
    const { siret, year } = report.cases[0] ?? { siret: "", year: 0 };
    const raw = await (await report.t.get(`/api/buyers/${siret}/report?year=${year}`)).text();
    const text = raw.replace(/<style[\s\S]*?<\/style>/g, "").replace(/<[^>]+>/g, "");
    // The premise: the page has such signs, each after a no-break space.
    expect(text).toMatch(/\u00a0:/);
    expect(text).toMatch(/«\u00a0[^»]+\u00a0»/);
    // Nor a line end of the page's source beside the no-break space: it prints as a space too,
    // and the annex's « trop peu de marchés pour conclure » had its « » » on the next line.
    expect(text.match(/[ \t\n]\u00a0?[»:;!?]|«\u00a0?[ \t\n]/g) ?? []).toEqual([]);
    // The Word file's text too.
    const docx = await report.t.get(`/api/buyers/${siret}/report?year=${year}&format=docx`);
    const files = unzipSync(new Uint8Array(await docx.arrayBuffer()));
    const words = strFromU8(files["word/document.xml"] ?? new Uint8Array()).replace(/<[^>]+>/g, "");
    expect(words).toMatch(/\u00a0:/);
    expect(words.match(/ [»:;!?]|« /g) ?? []).toEqual([]);
  });

  it("answers 400 without a year or with an unknown format, 404 for an unknown buyer", async () => {
    const { siret } = report.cases[0] ?? { siret: "" };
    const missing = await report.t.get(`/api/buyers/${siret}/report`);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { param: string } }).error.param).toBe("year");
    const format = await report.t.get(`/api/buyers/${siret}/report?year=2024&format=odt`);
    expect(((await format.json()) as { error: { param: string } }).error.param).toBe("format");
    expect((await report.t.get("/api/buyers/00000000000001/report?year=2024")).status).toBe(404);
  });
});
