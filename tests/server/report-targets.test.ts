// The annual report speaks of the buyer's own SPASER targets and of its peers: Région Bretagne's
// report shows the targets of indicators/spaser/region_bretagne.yaml (read here from the file,
// not from the server) with their source; a buyer without a SPASER gets the national defaults of
// national.yaml, said to be national; the peer figures of the HTML and the DOCX are those of
// GET /api/buyers/:siret/peers for the same year.
import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { BuyerPeers, BuyerSpaser, IndicatorResult } from "../../server/api-types.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

const BRETAGNE = "23350001600040";
interface PlanFile {
  title: string;
  source: { name: string };
  targets: { indicator: string; label: string; trajectory: { year: number; value: number }[] }[];
}
const readPlan = (name: string) =>
  parse(readFileSync(`indicators/spaser/${name}.yaml`, "utf8")) as PlanFile;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 120_000);
afterAll(async () => t?.close());

const percentFormat = new Intl.NumberFormat("fr-FR", {
  style: "percent",
  maximumFractionDigits: 1,
});
/** A share as the report writes it, its spaces as blockText leaves them. */
const percent = { format: (v: number) => percentFormat.format(v).replace(/\s+/g, " ") };

/** The text of the element opened by the first tag carrying `attribute`, entities decoded. */
function blockText(page: string, attribute: string): string {
  const start = page.indexOf(attribute);
  expect(start, attribute).toBeGreaterThan(-1);
  const from = page.lastIndexOf("<", start);
  const tag = /^<([a-z]+)/.exec(page.slice(from))?.[1] ?? "";
  const end = page.indexOf(`</${tag}>`, start);
  return page
    .slice(from, end)
    .replace(/<svg[\s\S]*?<\/svg>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

/** The step of a trajectory a year is measured against: that year's, else the next, else the last. */
function stepFor(trajectory: { year: number; value: number }[], year: number) {
  return trajectory.find((s) => s.year >= year) ?? trajectory[trajectory.length - 1];
}

describe("targets in the annual report", () => {
  it("shows Région Bretagne's own targets with their source", async () => {
    const plan = readPlan("region_bretagne");
    const year = 2021;
    const page = await (await t.get(`/api/buyers/${BRETAGNE}/report?year=${year}`)).text();
    expect(plan.targets.length).toBeGreaterThan(0);
    for (const target of plan.targets) {
      const text = blockText(page, `data-indicator="${target.indicator}"`);
      const step = stepFor(target.trajectory, year);
      expect(text).toContain(`${percent.format(step?.value ?? NaN)} en ${step?.year}`);
      expect(text).toContain(target.label.replace(/\s+/g, " "));
      expect(text).toContain("objectif du SPASER de l'acheteur");
      expect(text).toContain(plan.title);
      expect(text).toContain(plan.source.name.replace(/\s+/g, " "));
      expect(text).toContain("délibération dont la référence n'est pas publiée");
    }
    const national = readPlan("national");
    const social = national.targets.find((x) => x.indicator === "social_consideration_share");
    const text = blockText(page, 'data-indicator="social_consideration_share"');
    expect(text).toContain(social?.label);
    expect(text).toContain("objectif national par défaut");
  });

  it("gives a buyer without a SPASER the national defaults, said to be national", async () => {
    const [busiest] = await queryFile(
      t.dbPath,
      `SELECT acheteur_id, year(date_notification) AS y FROM contracts
        WHERE date_notification IS NOT NULL AND acheteur_id <> $1
        GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1`,
      [BRETAGNE],
    );
    const siret = String(busiest?.acheteur_id);
    const year = Number(busiest?.y);
    const page = await (await t.get(`/api/buyers/${siret}/report?year=${year}`)).text();
    expect(page).not.toContain("objectif du SPASER de l'acheteur");
    expect(blockText(page, 'class="indicators"')).toContain(
      "L'acheteur n'a pas de SPASER enregistré",
    );
    const national = readPlan("national");
    for (const target of national.targets) {
      if (!page.includes(`data-indicator="${target.indicator}"`)) continue;
      const text = blockText(page, `data-indicator="${target.indicator}"`);
      const step = stepFor(target.trajectory, year);
      expect(text).toContain(`${percent.format(step?.value ?? NaN)} en ${step?.year}`);
      expect(text).toContain("objectif national par défaut");
      expect(text).toContain(target.label.replace(/\s+/g, " "));
    }
    // The Région's targets, carried by two definitions, are not this buyer's.
    for (const target of readPlan("region_bretagne").targets) {
      const text = blockText(page, `data-indicator="${target.indicator}"`);
      expect(text).toContain("aucun objectif fixé pour cet indicateur");
    }
  });
});

describe("a target set for a later year", () => {
  // The buyer with most 2024 contracts whose social considerations are filled (51 in the
  // samples), measured against the national 30 % set for 2025: in 2024 it is on its way, not late.
  it("gives 2024 its distance to the 2025 target, never « en retard », in the HTML, the DOCX, Mon SPASER and the indicator API", async () => {
    const [row] = await queryFile(
      t.dbPath,
      `SELECT acheteur_id FROM contracts
        WHERE decp_format <> 'v1' AND year(date_notification) = 2024
          AND considerations_sociales IS NOT NULL
        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const siret = String(row?.acheteur_id);
    const year = 2024;
    const api = await t.json<IndicatorResult>(
      `/api/indicators/social_consideration_share?acheteur_id=${siret}&grain=year`,
    );
    const figure = api.rows.find((r) => r.year === year);
    expect(figure?.flags).toEqual([]);
    // The indicator's own target (its definition's, 30 % by 2025) does not judge 2024 either.
    expect(figure?.target_met).toBeNull();
    const value = Number(figure?.value);
    // The sample's figure is below the target: the old report called it « en retard ».
    expect(value).toBeLessThan(0.3);
    const page = await (await t.get(`/api/buyers/${siret}/report?year=${year}`)).text();
    const text = blockText(page, 'data-indicator="social_consideration_share"');
    expect(page).toMatch(/data-indicator="social_consideration_share"\s+data-status="not_due"/);
    expect(text).toContain("objectif fixé pour 2025");
    expect(text).not.toContain("en retard");
    const points = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }).format(
      (0.3 - value) * 100,
    );
    expect(text).toContain(
      `Écart à l'objectif ${points} points en dessous de l'objectif fixé pour 2025 (30 %) ; 1 an pour l'atteindre`,
    );
    const summary = blockText(page, 'class="summary"');
    expect(summary).not.toContain("en retard");
    expect(summary).toMatch(/\d+ ont un objectif fixé pour une année suivante/);
    const docx = await t.get(`/api/buyers/${siret}/report?year=${year}&format=docx`);
    const files = unzipSync(new Uint8Array(await docx.arrayBuffer()));
    const document = strFromU8(files["word/document.xml"] ?? new Uint8Array());
    expect(document).toContain("objectif fixé pour 2025");
    expect(document).not.toContain("en retard");
    // « Mon SPASER » on the buyer's page says the same.
    const spaser = await t.json<BuyerSpaser>(`/api/buyers/${siret}/spaser?year=${year}`);
    const social = spaser.indicators.find((i) => i.indicator === "social_consideration_share");
    expect(social?.target).toEqual({ year: 2025, value: 0.3 });
    expect(social?.status).toBe("not_due");
    expect(spaser.indicators.map((i) => i.status)).not.toContain("behind");
  });
});

describe("peers in the annual report", () => {
  // Slow: it computes every peer figure of the report twice (npm test, not the inner loop).
  it(
    "equal the peers endpoint's figures for the same year, in the HTML and the DOCX",
    { tags: ["slow"] },
    async () => {
      const [typed] = await queryFile(
        t.dbPath,
        `SELECT c.acheteur_id, year(c.date_notification) AS y
         FROM contracts c JOIN buyers b USING (acheteur_id)
        WHERE b.type_acheteur IS NOT NULL AND c.date_notification IS NOT NULL
        GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1`,
      );
      let compared = 0;
      for (const [siret, year] of [
        [BRETAGNE, 2021],
        [String(typed?.acheteur_id), Number(typed?.y)],
        // Commune de Lyon in 2019, ranked with 15 other communes of its size: the two above are
        // each alone in their group, so that no other buyer is counted beside them.
        ["21690123100011", 2019],
      ] as const) {
        const api = await t.json<BuyerPeers>(`/api/buyers/${siret}/peers?year=${year}`);
        expect(api.group).not.toBeNull();
        const page = await (await t.get(`/api/buyers/${siret}/report?year=${year}`)).text();
        const section = blockText(page, 'class="peers"');
        expect(section).toContain(api.group?.label);
        const rows = [...page.matchAll(/<tr\s+data-peer-indicator="([^"]*)"([^>]*)>/g)];
        expect(rows.map((r) => r[1])).toEqual(api.indicators.map((i) => i.indicator));
        for (const [, id, attributes] of rows) {
          const attr = (name: string) =>
            new RegExp(`data-${name}="([^"]*)"`).exec(attributes ?? "")?.[1];
          const i = api.indicators.find((x) => x.indicator === id);
          const str = (v: number | null | undefined) =>
            v === null || v === undefined ? "" : String(v);
          expect(attr("median"), id).toBe(str(i?.peers.median));
          expect(attr("q1"), id).toBe(str(i?.peers.q1));
          expect(attr("q3"), id).toBe(str(i?.peers.q3));
          expect(attr("count"), id).toBe(str(i?.peers.count));
          expect(attr("national"), id).toBe(str(i?.national.value));
          expect(attr("buyer"), id).toBe(str(i?.buyer?.value));
          if ((i?.peers.count ?? 0) > 0) compared += 1;
        }
        const docx = await t.get(`/api/buyers/${siret}/report?year=${year}&format=docx`);
        const files = unzipSync(new Uint8Array(await docx.arrayBuffer()));
        const document = strFromU8(files["word/document.xml"] ?? new Uint8Array());
        expect(document).toContain("Médiane des pairs");
        for (const i of api.indicators.filter((x) => x.peers.median !== null)) {
          expect(document).toContain(percentFormat.format(i.peers.median ?? NaN));
        }
      }
      // The test speaks of real peers: some indicator has peers with enough contracts.
      expect(compared).toBeGreaterThan(0);
    },
  );
});
