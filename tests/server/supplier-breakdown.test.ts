// Breakdowns by supplier company: each row is a company (SIREN) with its name from the who's who
// beside it, the largest figure first — as the breakdown by buyer, the placeholder SIREN
// 000000000 last as « Titulaire non identifié » — and the exports (CSV, XLSX,
// Parquet) carry the names too. The counts are checked against a grouping of our own in
// JavaScript over the titulaires as published (company = a valid SIRET's first nine digits).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorResult } from "../../server/api-types.ts";
import { NO_LABEL } from "../../client/src/shared/missing-key.js";
import { parseCsv, readParquet, readXlsx } from "./helpers/read-files.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
/** Company key → contracts it holds alone, and their amount (suspect amounts left out). */
const truth = new Map<string, { contracts: number; amount: number }>();
let names = new Map<string, string>();

beforeAll(async () => {
  t = await startTestServer();
  const rows = await queryFile(
    t.dbPath,
    `SELECT c.uid, c.montant, c.montant_suspect, s.titulaire_id, s.siret_valide
       FROM contracts c JOIN contract_suppliers s ON s.uid = c.uid`,
  );
  const byContract = new Map<string, { companies: (string | null)[]; amount: number | null }>();
  for (const r of rows) {
    const entry = byContract.get(String(r.uid)) ?? {
      companies: [],
      amount: r.montant_suspect === true || r.montant === null ? null : Number(r.montant),
    };
    const id = typeof r.titulaire_id === "string" ? r.titulaire_id : null;
    entry.companies.push(id !== null && r.siret_valide === true ? id.slice(0, 9) : id);
    byContract.set(String(r.uid), entry);
  }
  for (const { companies, amount } of byContract.values()) {
    const distinct = new Set(companies);
    const [only] = distinct;
    if (distinct.size !== 1 || only === null || only === undefined) continue;
    const entry = truth.get(only) ?? { contracts: 0, amount: 0 };
    entry.contracts++;
    entry.amount += amount ?? 0;
    truth.set(only, entry);
  }
  // The names the who's who gives companies (etl/sql/enrich.sql's organisations).
  const named = await queryFile(t.dbPath, "SELECT siren, nom FROM organisations WHERE nom <> ''");
  names = new Map(named.map((r) => [String(r.siren), String(r.nom)]));
});
afterAll(() => t?.close());

/** The values of a result's rows, in order: each no larger than the one before. */
function expectLargestFirst(values: (number | null)[]) {
  // Figures equal to 9 decimals are ties (a sum of doubles varies in its last bits).
  const numbers = values.map((v) => (v === null ? -Infinity : Math.round(v * 1e9) / 1e9));
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
}

/** A placeholder SIREN (one digit repeated: identifies no company), named and listed last. */
const placeholderCompany = (r: IndicatorResult["rows"][number]) =>
  /^(\d)\1{8}$/.test(String(r.titulaire_entreprise));

/** The rows but the placeholder's, largest first; the placeholder's close the list. */
function expectLargestFirstThenPlaceholder(rows: IndicatorResult["rows"]) {
  const at = rows.findIndex(placeholderCompany);
  expect(at).toBeGreaterThan(0);
  expect(rows.slice(at).every(placeholderCompany)).toBe(true);
  expectLargestFirst(rows.slice(0, at).map((r) => r.value));
}

describe("breakdown by supplier company", () => {
  it("counts each company's contracts, names it, and lists the largest first", async () => {
    const result = await t.json<IndicatorResult>(
      "/api/indicators/contracts_count?by=titulaire_entreprise",
    );
    const label = result.columns.find((c) => c.name === "titulaire_entreprise_label");
    expect(label?.role).toBe("label");
    const keyed = result.rows.filter((r) => r.titulaire_entreprise !== null);
    expect(keyed.length).toBe(truth.size);
    let named = 0;
    for (const row of keyed) {
      const key = String(row.titulaire_entreprise);
      expect(row.value, key).toBe(truth.get(key)?.contracts);
      const name = placeholderCompany(row) ? "Titulaire non identifié" : names.get(key);
      expect(row.titulaire_entreprise_label ?? null, key).toBe(name ?? null);
      if (typeof row.titulaire_entreprise_label === "string") named++;
    }
    // Most companies of the samples are named by the references, the DECP or a feed.
    expect(named / keyed.length).toBeGreaterThan(0.8);
    expectLargestFirstThenPlaceholder(result.rows);
  });

  it("sums each company's amounts, largest first; the buyer breakdown sorts the same way", async () => {
    const result = await t.json<IndicatorResult>(
      "/api/indicators/amount_total?by=titulaire_entreprise",
    );
    for (const row of result.rows.filter((r) => r.titulaire_entreprise !== null)) {
      const want = truth.get(String(row.titulaire_entreprise))?.amount ?? 0;
      expect(Math.abs(Number(row.value ?? 0) - want)).toBeLessThanOrEqual(1e-6 * want + 1e-6);
    }
    expectLargestFirstThenPlaceholder(result.rows);
    const buyers = await t.json<IndicatorResult>("/api/indicators/amount_total?by=acheteur_id");
    // A placeholder id (one digit repeated: identifies no buyer) closes the list whatever its sum.
    const placeholder = (r: IndicatorResult["rows"][number]) =>
      /^(\d)\1{13}$/.test(String(r.acheteur_id));
    const at = buyers.rows.findIndex(placeholder);
    expect(at).toBeGreaterThan(0);
    expect(buyers.rows.slice(at).every(placeholder)).toBe(true);
    expectLargestFirst(buyers.rows.slice(0, at).map((r) => r.value));
    expect(buyers.rows.some((r) => typeof r.acheteur_id_label === "string")).toBe(true);
  });
});

describe("exports of a breakdown by supplier", () => {
  const query = "by=titulaire_entreprise&filter=year%3D2024";

  it("carry the company's name beside its SIREN in CSV, CSV for Excel, XLSX and Parquet", async () => {
    const json = await t.json<IndicatorResult>(`/api/indicators/contracts_count?${query}`);
    const named = json.rows.filter((r) => typeof r.titulaire_entreprise_label === "string");
    expect(named.length).toBeGreaterThan(10);
    const pairs = json.rows.map((r) => [
      r.titulaire_entreprise ?? "",
      r.titulaire_entreprise_label ?? "",
    ]);
    const file = async (format: string) => {
      const response = await t.get(
        `/api/indicators/contracts_count/export?format=${format}&${query}`,
      );
      expect(response.status, format).toBe(200);
      return new Uint8Array(await response.arrayBuffer());
    };

    const csv = parseCsv(new TextDecoder().decode(await file("csv")), ",");
    const [key, name] = ["titulaire_entreprise", "titulaire_entreprise_label"].map((c) =>
      csv[0]?.indexOf(c),
    );
    expect(csv.slice(1).map((r) => [r[key ?? -1], r[name ?? -1]])).toEqual(pairs);

    // A person's formats name the group of contracts without a SIREN as the dashboard does, and
    // a SIREN without a name by the SIREN itself (client/src/shared/missing-key.js).
    // CSV for Excel keeps a code of digits as text (="…"), lest Excel read it as a number.
    const shown = (code: (siren: string) => string) =>
      pairs.map(([siren, n]) => (siren === "" ? NO_LABEL : n || code(String(siren))));
    const excel = parseCsv(new TextDecoder().decode((await file("csv_excel")).slice(3)), ";");
    const at = excel[0]?.indexOf("Entreprise titulaire (SIREN) (libellé)") ?? -1;
    expect(at).toBeGreaterThan(-1);
    expect(excel.slice(1).map((r) => r[at])).toEqual(
      shown((siren) => (/^\d+$/.test(siren) ? `="${siren}"` : siren)),
    );

    const data = readXlsx(await file("xlsx")).get("Données") ?? [];
    const col = data[0]?.indexOf("Entreprise titulaire (SIREN) (libellé)") ?? -1;
    expect(col).toBeGreaterThan(-1);
    expect(data.slice(1).map((r) => r[col] ?? "")).toEqual(shown((siren) => siren));

    const { rows } = await readParquet(await file("parquet"));
    expect(
      rows.map((r) => [r.titulaire_entreprise ?? "", r.titulaire_entreprise_label ?? ""]),
    ).toEqual(pairs);
  });
});
