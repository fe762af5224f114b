// An indicator whose scope keeps only the contracts notified from a date — « Marchés notifiés
// depuis le 21 août 2026 comportant une considération environnementale » (loi Climat et
// résilience, art. 35) — does not apply to a year before it: no contract of 2019–2024 can enter
// it. Each place gave a different false reason: Mon SPASER « pas de marché concerné cette année »
// (30508017800422, 2024) or « pas de donnée au format 2024 » (Commune de Lyon, 2019), the peers
// table « non classé (trop peu de marchés) », the report « pas de donnée au format 2024 » and
// « non classé : trop peu de marchés ». The engine reads the start from the definition's scope
// (indicators/plans/applies.ts) and every place says the one status, not_applicable, with its
// reason, in the words of client/src/shared/spaser-status-words.js.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDefinition, loadCatalogue } from "../../indicators/index.ts";
import { notApplicableReason } from "../../indicators/plans/applies.ts";
import type { BuyerPeers, BuyerSpaser } from "../../server/api-types.ts";
import { pageText, visibleText } from "./helpers/report-page.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";

const CLIMATE = "climate_law_environmental_share";
const REASON = "l'indicateur ne porte que sur les marchés notifiés à partir du 21 août 2026";
const SAID = `ne s'applique pas : ${REASON}`;
const BUYERS: [string, number][] = [
  ["30508017800422", 2024], // 2024-format contracts, none after the date; type unknown, no peers
  ["21690123100011", 2019], // Commune de Lyon: 2019 format only
  ["23350001600040", 2024], // Région Bretagne, its own SPASER and the national targets
];
/** The buyers of a known type, which have peers. */
const WITH_PEERS = BUYERS.slice(1);
/** The page's words as a reader sees them: apostrophes unescaped, spaces plain. */
const words = (page: string) =>
  visibleText(page)
    .replaceAll("&#39;", "'")
    .replaceAll("&apos;", "'")
    .replace(/[\s\u202f\u00a0]+/g, " ");

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 120_000);
afterAll(async () => t?.close());

describe("a year before the rule's start", () => {
  it("is not_applicable in the engine, from the definition's scope", () => {
    const { model } = loadCatalogue();
    const definition = findDefinition(loadCatalogue(), CLIMATE);
    const reason = (year: number) => notApplicableReason(definition, model, {}, year);
    expect(reason(2019)).toBe(REASON);
    expect(reason(2025)).toBe(REASON);
    // 2026 holds contracts notified from 21 August: it applies.
    expect(reason(2026)).toBeNull();
    expect(reason(2027)).toBeNull();
    // A date under `or` does not bound every contract: no start.
    const or = { or: [definition.scope ?? {}, { field: "montant", op: "gt" as const, value: 0 }] };
    expect(notApplicableReason({ ...definition, scope: or }, model, {}, 2019)).toBeNull();
  });

  it.each(BUYERS)("says it on Mon SPASER (%s, %i)", async (siret, year) => {
    const spaser = await t.json<BuyerSpaser>(`/api/buyers/${siret}/spaser?year=${year}`);
    expect(spaser.year).toBe(year);
    const target = spaser.indicators.find((i) => i.indicator === CLIMATE);
    expect(target).toMatchObject({ status: "not_applicable", not_applicable: REASON, gap: null });
  });

  it.each(WITH_PEERS)("says it in the peers' answer (%s, %i)", async (siret, year) => {
    const peers = await t.json<BuyerPeers>(`/api/buyers/${siret}/peers?year=${year}`);
    expect(peers.year).toBe(year);
    const compared = peers.indicators.find((i) => i.indicator === CLIMATE);
    expect(compared?.not_applicable).toBe(REASON);
    // Another indicator of the same year applies.
    expect(peers.indicators.find((i) => i.indicator !== CLIMATE)?.not_applicable).toBeNull();
  });

  it.each(BUYERS)("says it in the report's targets table (%s, %i)", async (siret, year) => {
    const page = await pageText(t, `/api/buyers/${siret}/report?year=${year}`);
    const rows = page.split(/(?=<tr\b)/);
    const target = rows.find((r) => r.includes(`data-indicator="${CLIMATE}"`)) ?? "";
    expect(target).toContain('data-status="not_applicable"');
    expect(words(target)).toContain(SAID);
  });

  it.each(WITH_PEERS)("says it in the report's peers table (%s, %i)", async (siret, year) => {
    const page = await pageText(t, `/api/buyers/${siret}/report?year=${year}`);
    const title = findDefinition(loadCatalogue(), CLIMATE).title;
    const [, peersPart = ""] = page.split("3. Comparaison avec des acheteurs comparables");
    const peerRow = peersPart.split(/(?=<tr\b)/).find((r) => words(r).includes(title)) ?? "";
    expect(words(peerRow)).toContain(`sans objet, ${SAID}`);
    expect(words(peerRow)).not.toContain("trop peu de marchés");
  });
});
