// Publication quality per buyer on the real records of the shipped samples: the API's grade,
// each rule's N, scope and passes, and the records to fix equal a second computation in plain
// JavaScript over the raw rows (helpers/quality-truth.ts); the exports hold every record to fix.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuyerQuality } from "../../server/api-types.ts";
import {
  parseQualityDefinition,
  QualityDefinitionError,
} from "../../server/publication-quality/definition.ts";
import { EXCEL_FR, toCsvText } from "../../server/export/csv.ts";
import { loadQualityDefinition } from "../../server/publication-quality/definition.ts";
import { evaluate } from "../../server/publication-quality/evaluate.ts";
import { fixTable } from "../../server/publication-quality/fix-table.ts";
import { qualityTruth, readDefinition } from "./helpers/quality-truth.ts";
import { parseCsv, readXlsx } from "./helpers/read-files.ts";
import { queryFile, startTestServer, type TestServer } from "./helpers/test-server.ts";

let t: TestServer;
let buyers: { siret: string; year: number }[];
beforeAll(async () => {
  t = await startTestServer();
  // Real buyers of the samples, chosen by what they publish: the largest publisher, the largest
  // in the 2024 format, and the one with most titulaires whose SIRET is not valid.
  const rows = await queryFile(
    t.dbPath,
    `(SELECT acheteur_id, max(year(date_notification)) AS y FROM contracts GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)
     UNION ALL
     (SELECT acheteur_id, max(year(date_notification)) FROM contracts WHERE decp_format <> 'v1' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)
     UNION ALL
     (SELECT c.acheteur_id, max(year(c.date_notification)) FROM contracts c JOIN contract_suppliers s USING (uid)
       WHERE NOT s.siret_valide AND (s.type_identifiant IS NULL OR s.type_identifiant = 'SIRET')
       GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)`,
  );
  buyers = rows.map((r) => ({ siret: String(r.acheteur_id), year: Number(r.y) }));
}, 120_000);
afterAll(async () => t?.close());

const problemsOf = (body: BuyerQuality) =>
  body.records_to_fix.records.flatMap((r) => r.problems.map((p) => `${r.uid} ${p.field}`));

describe("GET /api/buyers/:siret/quality", () => {
  it(
    "gives each rule's N, scope and passes and the grade of an independent computation",
    { tags: ["slow"] },
    async () => {
      const definition = readDefinition();
      expect(new Set(buyers.map((b) => b.siret)).size).toBeGreaterThanOrEqual(2);
      for (const { siret, year } of buyers) {
        for (const y of [null, year]) {
          const body = await t.json<BuyerQuality>(
            `/api/buyers/${siret}/quality${y === null ? "" : `?year=${y}`}`,
          );
          const truth = await qualityTruth(t.dbPath, definition, siret, y);
          expect(body.contracts).toBe(truth.contracts);
          expect(body.grade).toBe(truth.grade);
          for (const c of body.components) {
            expect({ id: c.id, n: c.n, n_scope: c.n_scope, passed: c.passed }).toEqual({
              id: c.id,
              ...truth.components[c.id],
            });
            expect(c.value).toBe(c.n > 0 ? c.passed / c.n : null);
            expect(c.weight).toBe(definition.components.find((d) => d.id === c.id)?.weight);
          }
          const uids = new Set(truth.problems.map((p) => p.split(" ")[0]));
          expect(body.records_to_fix.total).toBe(uids.size);
          expect(body.records_to_fix.problems).toBe(truth.problems.length);
          if (body.records_to_fix.shown === body.records_to_fix.total) {
            expect(problemsOf(body).sort()).toEqual([...truth.problems].sort());
          }
        }
      }
    },
  );

  it("gives no grade to a buyer's year with too few contracts, and says why in one sentence", async () => {
    const { min_contracts: min } = readDefinition();
    const [few] = await queryFile(
      t.dbPath,
      `SELECT acheteur_id, year(date_notification) AS y FROM contracts WHERE date_notification IS NOT NULL
        GROUP BY ALL HAVING count(*) < $1::INTEGER ORDER BY count(*) DESC, 1, 2 LIMIT 1`,
      [String(min)],
    );
    const body = await t.json<BuyerQuality>(
      `/api/buyers/${String(few?.acheteur_id)}/quality?year=${Number(few?.y)}`,
    );
    expect(body.contracts).toBeLessThan(min);
    expect(body.grade).toBeNull();
    expect(body.score).toBeNull();
    expect(body.no_grade_reason).toBe(
      `moins de ${min} marchés publiés sur la période, trop peu pour noter`,
    );
  });

  it("judges publication within two months as the catalogue's indicator does", async () => {
    for (const { siret } of buyers) {
      const body = await t.json<BuyerQuality>(`/api/buyers/${siret}/quality`);
      const rule = body.components.find((c) => c.id === "published_on_time");
      const indicator = await t.json<{ rows: { n: number; value: number | null }[] }>(
        `/api/indicators/published_within_two_months_share?acheteur_id=${siret}`,
      );
      const [row] = indicator.rows;
      expect(rule?.n).toBe(row?.n ?? 0);
      if (rule?.value !== null && row?.value !== null) {
        expect(rule?.value).toBeCloseTo(row?.value ?? -1, 12);
      }
    }
  });

  it("says the records to fix of the busiest buyer, each with its fields in DECP names", async () => {
    const [first] = buyers;
    const body = await t.json<BuyerQuality>(`/api/buyers/${first?.siret}/quality`);
    expect(body.records_to_fix.total).toBeGreaterThan(0);
    const record = body.records_to_fix.records[0];
    expect(record?.problems.length).toBeGreaterThan(0);
    const [truth] = await queryFile(t.dbPath, "SELECT objet FROM contracts WHERE uid = $1", [
      record?.uid ?? "",
    ]);
    expect(record?.objet).toBe(truth?.objet);
  });

  it("answers 404 for a buyer without contracts and 400 for a bad year", async () => {
    expect((await t.get("/api/buyers/00000000000001/quality")).status).toBe(404);
    const bad = await t.get(`/api/buyers/${buyers[0]?.siret}/quality?year=20x4`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe("year");
  });
});

describe("GET /api/buyers/:siret/quality/export", () => {
  it("writes every problem as one row, for French Excel and as XLSX", async () => {
    const { siret } = buyers[0] ?? { siret: "" };
    const body = await t.json<BuyerQuality>(`/api/buyers/${siret}/quality`);
    const csv = await t.get(`/api/buyers/${siret}/quality/export?format=csv_excel`);
    expect(csv.headers.get("content-disposition")).toContain(`qualite-publication_${siret}`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.slice(3));
    const records = parseCsv(text.replace(/\r?\n$/, ""), ";");
    expect(records[0]).toContain("Champ à corriger (nom DECP)");
    expect(records.length - 1).toBe(body.records_to_fix.problems);
    const xlsx = await t.get(`/api/buyers/${siret}/quality/export?format=xlsx`);
    const sheets = readXlsx(new Uint8Array(await xlsx.arrayBuffer()));
    expect((sheets.get("Données")?.length ?? 0) - 1).toBe(body.records_to_fix.problems);
    const uids = new Set(
      sheets
        .get("Données")
        ?.slice(1)
        .map((r) => r[0]),
    );
    expect(uids.size).toBe(body.records_to_fix.total);
  });
});

describe("the records to fix for French Excel", () => {
  it("never lets a published text run as a formula", () => {
    const definition = loadQualityDefinition();
    const objet = '=HYPERLINK("http://exemple.invalid","clic")';
    const evaluation = evaluate(
      definition,
      [
        {
          uid: "21350238800019X1",
          id: "X1",
          objet,
          date_notification: "2024-03-01",
          date_publication_donnees: "2024-09-01",
          decp_format: "v2",
          source: "hostile.json",
          montant_initial: 12000,
          montant_suspect: false,
          montant_modification_ecartee: false,
          filled: {},
          carried: {},
          on_time: { published_on_time: false },
          siret_parties: 1,
          bad_sirets: [{ position: 0, id: "@SUM(1)" }],
        },
      ],
      true,
    );
    const table = fixTable(evaluation, definition, {
      siret: "21350238800019",
      year: 2024,
      snapshotId: "run",
      generatedAt: "2026-12-01T00:00:00Z",
    });
    const rows = parseCsv(
      toCsvText(table, EXCEL_FR)
        .slice(1)
        .replace(/\r?\n$/, ""),
      ";",
    ).slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row[2]).toBe(`'${objet}`);
      // Only the codes kept as text are formulas: `="2024-03-01"` shows the text 2024-03-01.
      for (const cell of row) expect(cell).not.toMatch(/^(?!="[\d-]+"$)[=+@-]/);
    }
    expect(rows.map((r) => r[9])).toContain("'@SUM(1)");
  });
});

describe("the definition file", () => {
  it("reports a bad value with its path", () => {
    const broken = readDefinition() as unknown as {
      components: { fields?: { column: string }[] }[];
    };
    const field = broken.components[0]?.fields?.[0];
    if (field) field.column = "montant; DROP TABLE contracts";
    try {
      parseQualityDefinition(broken, "broken.yaml");
      expect.unreachable("a column outside the contracts table must be refused");
    } catch (error) {
      expect(error).toBeInstanceOf(QualityDefinitionError);
      expect((error as QualityDefinitionError).issues.map((i) => i.path)).toContain(
        "components.0.fields.0.column",
      );
    }
  });
});
