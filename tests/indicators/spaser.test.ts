// The SPASER indicators on the samples' snapshot against an independent computation: the
// contracts and titulaires as the ETL kept them (canonical tables, no enrichment column), joined
// in JavaScript with the shipped reference files (tests/helpers/reference-files.ts), never with
// the engine's or the ETL's who's-who SQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIndicator } from "../../indicators/engine.ts";
import { definition } from "./helpers/catalogue.ts";
import { buildTestDb, type TestDb } from "../helpers/samples-db.ts";
import {
  collectivites,
  departementBySiret,
  feedFacts,
  readCsv,
  regionByDepartement,
  regionCollectivites,
  sizeBySiren,
} from "../helpers/reference-files.ts";

let t: TestDb;
interface Position {
  uid: string;
  format: string;
  acheteur: string;
  titulaire: string;
  siretValide: boolean;
  share: number | null;
  pme: boolean;
  amount: number | null;
  advance: boolean | null;
  rate: number | null;
}
let positions: Position[] = [];

beforeAll(async () => {
  t = await buildTestDb();
  const rows = await t.query(
    `SELECT c.uid, c.decp_format::VARCHAR AS format, c.acheteur_id, s.titulaire_id, s.siret_valide,
            CASE WHEN NOT c.montant_suspect THEN c.montant END AS amount,
            count(*) OVER (PARTITION BY c.uid) AS n, c.attribution_avance, c.taux_avance
     FROM contracts c JOIN contract_suppliers s ON s.uid = c.uid`,
  );
  positions = rows.map((r) => ({
    uid: String(r.uid),
    format: String(r.format),
    acheteur: String(r.acheteur_id),
    titulaire: String(r.titulaire_id),
    siretValide: r.siret_valide === true,
    amount: r.amount === null ? null : Number(r.amount),
    share: r.amount === null ? null : Number(r.amount) / Number(r.n),
    pme: false,
    advance: r.attribution_avance === null ? null : r.attribution_avance === true,
    rate: r.taux_avance === null ? null : Number(r.taux_avance),
  }));
});
afterAll(() => t.cleanup());

const byFormat = async (id: string) => {
  const result = await runIndicator(t.db.connection, definition(id), { by: ["decp_format"] });
  return new Map(result.rows.map((row) => [String(row.decp_format), row]));
};

/** The SIREN of a titulaire: of a valid SIRET, or a 9-digit id as published. */
const sirenOf = (p: Position) =>
  p.siretValide ? p.titulaire.slice(0, 9) : /^\d{9}$/.test(p.titulaire) ? p.titulaire : null;

/** Equal up to the rounding of a float sum taken in another order. */
const close = (a: unknown, b: number) =>
  expect(Math.abs(Number(a) - b)).toBeLessThanOrEqual(1e-9 * Math.abs(b) + 1e-6);

describe("SME indicators", () => {
  it("sme_share and sme_amount_share: PME positions among positions of known size", async () => {
    const sizes = sizeBySiren();
    const size = (p: Position) => sizes.get(sirenOf(p) ?? "");
    const count = await byFormat("sme_share");
    const amount = await byFormat("sme_amount_share");
    for (const format of ["v1", "v2"]) {
      const known = positions.filter((p) => p.format === format && size(p) !== undefined);
      const pme = known.filter((p) => size(p) === "PME");
      expect(known.length).toBeGreaterThan(0);
      expect(Number(count.get(format)?.denominator)).toBe(known.length);
      expect(Number(count.get(format)?.numerator)).toBe(pme.length);
      const sum = (list: Position[]) => list.reduce((s, p) => s + (p.share ?? 0), 0);
      close(amount.get(format)?.denominator, sum(known));
      close(amount.get(format)?.numerator, sum(pme));
    }
  });

  it("sme_advance_share: contracts over 25 k€ with a PME titulaire, advance ≥ 30 %", async () => {
    const sizes = sizeBySiren();
    const contracts = new Map<string, Position[]>();
    for (const p of positions.filter((q) => q.format === "v2")) {
      contracts.set(p.uid, [...(contracts.get(p.uid) ?? []), p]);
    }
    let denominator = 0;
    let numerator = 0;
    for (const list of contracts.values()) {
      const [first] = list;
      const hasPme = list.some(
        (p) => p.siretValide && sizes.get(p.titulaire.slice(0, 9)) === "PME",
      );
      if (!hasPme || first.amount === null || first.amount <= 25000 || first.advance === null)
        continue;
      denominator++;
      if (first.advance && first.rate !== null && first.rate >= 0.3) numerator++;
    }
    const row = (await byFormat("sme_advance_share")).get("v2");
    expect(denominator).toBeGreaterThan(0);
    expect(Number(row?.denominator)).toBe(denominator);
    expect(Number(row?.numerator)).toBe(numerator);
  });
});

describe("location indicators", () => {
  it("local_supplier_share and local_supplier_amount_share: titulaires in the buyer's département", async () => {
    // SIRENE establishment, else (buyers) the collectivité's place, else the tabular feed's.
    const sirene = departementBySiret();
    const lists = collectivites();
    const feed = feedFacts().departements;
    // The feed places establishments, so 14-digit ids only.
    const establishments = new Map([...[...feed].filter(([id]) => /^\d{14}$/.test(id)), ...sirene]);
    const buyerDep = (id: string) =>
      sirene.get(id) ??
      (lists.has(id.slice(0, 9))
        ? (lists.get(id.slice(0, 9))?.departement ?? undefined)
        : feed.get(id));
    const count = await byFormat("local_supplier_share");
    const amount = await byFormat("local_supplier_amount_share");
    for (const format of ["v1", "v2"]) {
      const located = positions.filter(
        (p) => p.format === format && establishments.has(p.titulaire) && buyerDep(p.acheteur),
      );
      const local = located.filter((p) => establishments.get(p.titulaire) === buyerDep(p.acheteur));
      expect(located.length).toBeGreaterThan(0);
      expect(Number(count.get(format)?.denominator)).toBe(located.length);
      expect(Number(count.get(format)?.numerator)).toBe(local.length);
      const sum = (list: Position[]) => list.reduce((s, p) => s + (p.share ?? 0), 0);
      close(amount.get(format)?.denominator, sum(located.filter((p) => p.share !== null)));
      close(amount.get(format)?.numerator, sum(local.filter((p) => p.share !== null)));
    }
  });
});

describe("regional suppliers", () => {
  it("regional_supplier_amount_share: the amount split to titulaires in the buyer's région", async () => {
    // Titulaire: its SIRENE establishment's département, else the feed's (14-digit ids), → région.
    // Buyer: its SIRENE establishment, else its collectivité (a région's own code, the département
    // of the others), else the feed's département.
    const toRegion = regionByDepartement();
    const sirene = departementBySiret();
    const lists = collectivites();
    const regions = regionCollectivites();
    const feed = feedFacts().departements;
    const establishments = new Map([...[...feed].filter(([id]) => /^\d{14}$/.test(id)), ...sirene]);
    const titulaireRegion = (id: string) => toRegion.get(establishments.get(id) ?? "");
    const buyerRegion = (id: string) => {
      const own = sirene.get(id);
      if (own) return toRegion.get(own);
      const siren = id.slice(0, 9);
      if (regions.has(siren)) return regions.get(siren);
      if (lists.has(siren)) return toRegion.get(lists.get(siren)?.departement ?? "");
      return toRegion.get(feed.get(id) ?? "");
    };
    const rows = await byFormat("regional_supplier_amount_share");
    for (const format of ["v1", "v2"]) {
      const located = positions.filter(
        (p) =>
          p.format === format &&
          p.share !== null &&
          titulaireRegion(p.titulaire) !== undefined &&
          buyerRegion(p.acheteur) !== undefined,
      );
      const regional = located.filter(
        (p) => titulaireRegion(p.titulaire) === buyerRegion(p.acheteur),
      );
      expect(located.length).toBeGreaterThan(0);
      expect(regional.length).toBeGreaterThan(0);
      expect(regional.length).toBeLessThan(located.length);
      const sum = (list: Position[]) => list.reduce((s, p) => s + (p.share ?? 0), 0);
      close(rows.get(format)?.denominator, sum(located));
      close(rows.get(format)?.numerator, sum(regional));
      close(rows.get(format)?.value, sum(regional) / sum(located));
      // N: the contracts with at least one such titulaire.
      expect(Number(rows.get(format)?.n)).toBe(new Set(located.map((p) => p.uid)).size);
    }
  });
});

describe("ESS and loi Climat", () => {
  it("ess_share counts only titulaires whose ESS flag is known", async () => {
    // Only the official StockUniteLegale extract carries the flag (O or N).
    const known = new Set(
      readCsv("StockUniteLegale_utf8-sample-2022-trackdechets.csv")
        .filter((r) => ["O", "N"].includes(r.economieSocialeSolidaireUniteLegale))
        .map((r) => r.siren),
    );
    const rows = await byFormat("ess_share");
    for (const format of ["v1", "v2"]) {
      const flagged = positions.filter((p) => p.format === format && known.has(sirenOf(p) ?? ""));
      expect(Number(rows.get(format)?.denominator ?? 0)).toBe(flagged.length);
    }
  });

  it("climate_law_environmental_share covers only contracts notified from 21 August 2026", async () => {
    const [row] = await t.query(
      "SELECT count(*) AS n FROM contracts WHERE date_notification >= DATE '2026-08-21' AND considerations_environnementales IS NOT NULL AND decp_format <> 'v1'",
    );
    const result = (await byFormat("climate_law_environmental_share")).get("v2");
    expect(Number(result?.n ?? 0)).toBe(Number(row.n));
  });
});
