// « Mon SPASER » (GET /api/buyers/:siret/spaser) and the annual report (…/report) say one
// status per figure, the engine's (indicators/plans/progress.ts), in the same words
// (client/src/shared/spaser-status-words.js). Commune de Dijon's 2024 (25 contracts, none
// notified since 21 August 2026) read « trop peu de marchés » on Mon SPASER for the Climate law's
// target while its report said « pas de marché concerné cette année »; Région Bretagne's 2021
// (191 contracts, all in the 2019 format) read « pas de donnée au format 2024 » on Mon SPASER and
// « pas de marché concerné cette année » in the report for the same figure.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuyerSpaser, SpaserIndicator } from "../../server/api-types.ts";
import { pageText, visibleText } from "./helpers/report-page.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

const DIJON = "21210231300013";
const SAINT_MEDARD = "30508017800422";
const BRETAGNE = "23350001600040";
const CLIMATE_LAW = "climate_law_environmental_share";

let t: TestServer;
/** The dashboard's words of a status (a plain module, loaded as the browser does). */
let statusText: (r: SpaserIndicator) => string;
/** The dashboard's words of the distance to a target (« Écart à l'objectif »). */
let gapCell: (r: SpaserIndicator, year: number) => string;
beforeAll(async () => {
  t = await startTestServer();
  const section = new URL("../../client/src/components/spaser-section.js", import.meta.url);
  ({ statusText, gapCell } = (await import(section.href)) as {
    statusText: typeof statusText;
    gapCell: typeof gapCell;
  });
}, 120_000);
afterAll(async () => t?.close());

/** Each indicator of the report: its status and the words of its block or row, spaces plain. */
async function reportStatuses(siret: string, year: number) {
  const page = await pageText(t, `/api/buyers/${siret}/report?year=${year}`);
  const parts = page.split(/(?=<(?:article|tr)\b)/);
  const found = new Map<string, { status: string; words: string }>();
  for (const part of parts) {
    const m = /data-indicator="([^"]+)"\s+data-status="(\w+)"/.exec(part);
    if (!m?.[1] || !m[2] || found.has(m[1])) continue;
    const words = visibleText(part).replaceAll("&#39;", "'").replace(/\s+/g, " ");
    found.set(m[1], { status: m[2], words });
  }
  return found;
}

describe("Mon SPASER and the annual report", () => {
  it("say the same of a figure no contract of the year can enter", async () => {
    // Since then, a year before the rule's start is not_applicable, not « pas de marché
    // concerné » (tests/server/rule-start-not-applicable.test.ts): still one status for both.
    const spaser = await t.json<BuyerSpaser>(`/api/buyers/${DIJON}/spaser?year=2024`);
    const climate = spaser.indicators.find((i) => i.indicator === CLIMATE_LAW);
    expect(climate?.current?.n_scope ?? 0).toBe(0);
    expect(climate?.status).toBe("not_applicable");
    const said =
      "ne s'applique pas : l'indicateur ne porte que sur les marchés notifiés à partir du 21 août 2026";
    expect(climate && statusText(climate)).toBe(said);
    const report = (await reportStatuses(DIJON, 2024)).get(CLIMATE_LAW);
    expect(report?.status).toBe("not_applicable");
    expect(report?.words).toContain(said);
    expect(report?.words).not.toContain("trop peu de marchés");
  });

  it("give every figure they both show the same status, in the same words", async () => {
    for (const [siret, year] of [
      [DIJON, 2024],
      [BRETAGNE, 2021],
      [BRETAGNE, 2024],
    ] as const) {
      const spaser = await t.json<BuyerSpaser>(`/api/buyers/${siret}/spaser?year=${year}`);
      const report = await reportStatuses(siret, year);
      expect(spaser.indicators.length).toBeGreaterThan(0);
      for (const i of spaser.indicators) {
        const said = report.get(i.indicator);
        expect([siret, year, i.indicator, said?.status]).toEqual([
          siret,
          year,
          i.indicator,
          i.status,
        ]);
        expect(said?.words, `${siret} ${year} ${i.indicator}`).toContain(statusText(i));
      }
    }
  });
});

describe("the distance of a figure to its target", () => {
  // Mon SPASER wrote « -30 % (objectif 2025 : 30 %) » where the report wrote « 30 points en
  // dessous de l'objectif fixé pour 2025 (30 %) »: the gap of two shares is in points, and
  // « -30 % » reads as a relative fall (client/src/shared/gap-words.js words it for both).
  it("is said in points for a share, in the same words on Mon SPASER and in the report", async () => {
    const year = 2024;
    const spaser = await t.json<BuyerSpaser>(`/api/buyers/${SAINT_MEDARD}/spaser?year=${year}`);
    const report = await reportStatuses(SAINT_MEDARD, year);
    const plain = (s: string) => s.replace(/\s+/g, " ");
    const said = Object.fromEntries(
      spaser.indicators.map((i) => [i.indicator, plain(gapCell(i, year))]),
    );
    expect(said).toMatchObject({
      social_consideration_share:
        "30 points en dessous de l'objectif fixé pour 2025 (30 %) ; 1 an pour l'atteindre",
      environmental_consideration_share:
        "100 points en dessous de l'objectif fixé pour 2025 (100 %) ; 1 an pour l'atteindre",
      climate_law_environmental_share: "—",
    });
    for (const [indicator, words] of Object.entries(said)) {
      if (words === "—") continue;
      expect(report.get(indicator)?.words, indicator).toContain(`Écart à l'objectif ${words}`);
    }
  });
});

describe("a figure measured against the buyer's département, for a Région", () => {
  let own: TestServer;
  beforeAll(async () => {
    // Région Bretagne's SPASER with a target on its titulaires « dans le département de
    // l'acheteur », beside the shipped national file.
    const dir = mkdtempSync(join(tmpdir(), "spaser-local-"));
    const shipped = fileURLToPath(new URL("../../indicators/spaser/", import.meta.url));
    copyFileSync(join(shipped, "national.yaml"), join(dir, "national.yaml"));
    const bretagne = readFileSync(join(shipped, "region_bretagne.yaml"), "utf8").replace(
      "targets:\n",
      "targets:\n  - indicator: local_supplier_share\n    label: 40 % de titulaires du département\n    trajectory:\n      - { year: 2022, value: 0.4 }\n",
    );
    writeFileSync(join(dir, "region_bretagne.yaml"), bretagne);
    own = await startTestServer({ spaserDir: dir });
  }, 120_000);
  afterAll(async () => own?.close());

  it("does not apply on Mon SPASER either, with the report's reason, never N = 0 over 191", async () => {
    const spaser = await own.json<BuyerSpaser>(`/api/buyers/${BRETAGNE}/spaser?year=2021`);
    const local = spaser.indicators.find((i) => i.indicator === "local_supplier_share");
    expect(local?.origin).toBe("buyer");
    expect(local?.status).toBe("not_applicable");
    expect(local?.not_applicable).toBe("une Région n'a pas de département");
    expect(local?.gap).toBeNull();
    expect(local && statusText(local)).toBe(
      "ne s'applique pas : une Région n'a pas de département",
    );
    // The report, with the same target, says the same.
    const page = await pageText(own, `/api/buyers/${BRETAGNE}/report?year=2021`);
    expect(page).toMatch(/data-indicator="local_supplier_share"\s+data-status="not_applicable"/);
    // A commune placed in its département keeps its figure.
    const dijon = await own.json<BuyerSpaser>(`/api/buyers/${DIJON}/spaser?year=2024`);
    // (The Climate law's figure does not apply to 2024, whoever the buyer: not this rule.)
    for (const i of dijon.indicators.filter((i) => i.indicator !== CLIMATE_LAW))
      expect(i.not_applicable).toBeNull();
  });
});
