// Every reason of rejection and every value problem the ETL writes has a French label on the
// « Mises à jour des données » page. The texts come from a real snapshot built from the shipped
// samples, so a new ETL text without a label fails here, whatever the ETL writes next.
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestDb, type TestDb } from "../helpers/samples-db.ts";
import * as PROBLEMS from "../../etl/normalise/problems.ts";
import { TOO_DEEP_REASON } from "../../etl/formats/input-limits.ts";

/** The client's translations (a plain JavaScript module, loaded as the browser loads it). */
interface QualityLabels {
  reasonLabel(reason: string): string;
  problemLabel(problem: string): string;
  hasReasonLabel(reason: string): boolean;
  hasProblemLabel(problem: string): boolean;
  encodingLabel(encoding: string): string;
}

const LABELS = new URL("../../client/src/quality-labels.js", import.meta.url);

let t: TestDb;
let labels: QualityLabels;
beforeAll(async () => {
  t = await buildTestDb();
  labels = (await import(pathToFileURL(fileURLToPath(LABELS)).href)) as QualityLabels;
});
afterAll(() => t?.cleanup());

async function distinct(sql: string): Promise<string[]> {
  return (await t.query(sql)).map((r) => String(r.text));
}

describe("French labels of the ETL's texts", () => {
  it("translates every value problem found in the snapshot", async () => {
    const problems = await distinct("SELECT DISTINCT problem AS text FROM field_issues ORDER BY 1");
    // The samples carry many kinds of problems; an empty list would prove nothing.
    expect(problems.length).toBeGreaterThan(10);
    // Listed, not merely different: a text the ETL already writes in French may map to itself.
    const untranslated = problems.filter((p) => !labels.hasProblemLabel(p));
    expect(untranslated, "add these to PROBLEMS in client/src/quality-labels.js").toEqual([]);
  });

  it("translates every problem of etl/normalise/problems.ts, found in the samples or not", () => {
    const declared = Object.values(PROBLEMS as Record<string, unknown>).filter(
      (v): v is string => typeof v === "string",
    );
    expect(declared.length).toBeGreaterThan(8);
    expect(declared.filter((p) => !labels.hasProblemLabel(p))).toEqual([]);
  });

  it("translates the reasons of rejection the samples do not show", () => {
    expect(labels.hasReasonLabel(TOO_DEEP_REASON)).toBe(true);
  });

  it("translates every reason of rejection found in the snapshot", async () => {
    const reasons = await distinct("SELECT DISTINCT reason AS text FROM rejects ORDER BY 1");
    expect(reasons.length).toBeGreaterThan(0);
    const untranslated = reasons.filter((r) => !labels.hasReasonLabel(r));
    expect(untranslated, "add these to REASONS in client/src/quality-labels.js").toEqual([]);
  });

  it("translates the problems the reference lists give, and keeps numbers of the patterns", () => {
    expect(
      labels.problemLabel("place code not found in the 2024 COG or postal code lists"),
    ).toMatch(/^code de lieu inconnu/);
    expect(labels.problemLabel("CPV code not in the CPV 2008 list")).toBe(
      "code CPV absent de la nomenclature CPV 2008",
    );
    expect(labels.problemLabel("SIRET of 13 digits instead of 14")).toBe(
      "SIRET de 13 chiffres au lieu de 14",
    );
    // Amounts as French writes them, with their thousands apart.
    expect(
      labels.problemLabel("suspicious amount (below 1000 €)").replace(/[\u202f\u00a0]/g, " "),
    ).toBe("montant suspect (moins de 1 000 €)");
  });

  it("says in French how many stray bytes of a UTF-8 file were read as Windows-1252", () => {
    const french = (encoding: string) => labels.encodingLabel(encoding).replace(/\u202f/g, " ");
    expect(french("UTF-8 (1 byte not UTF-8 read as WINDOWS-1252)")).toBe(
      "UTF-8 (1 octet hors UTF-8 lu en Windows-1252)",
    );
    expect(french("UTF-8 (1203 bytes not UTF-8 read as WINDOWS-1252)")).toBe(
      "UTF-8 (1 203 octets hors UTF-8 lus en Windows-1252)",
    );
    expect(french("WINDOWS-1252")).toBe("WINDOWS-1252");
  });

  it("shows a text it does not know as it is", () => {
    expect(labels.problemLabel("a problem added tomorrow")).toBe("a problem added tomorrow");
    expect(labels.reasonLabel("a reason added tomorrow")).toBe("a reason added tomorrow");
    expect(labels.hasProblemLabel("a problem added tomorrow")).toBe(false);
    expect(labels.hasReasonLabel("a reason added tomorrow")).toBe(false);
  });
});
