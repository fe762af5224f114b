// A folder with broken definitions: every problem of every file is reported with its file and
// dotted path, and the good definition beside them still loads and runs.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatIssue, IndicatorError } from "../../indicators/compiler/errors.ts";
import { findDefinition, loadCatalogue } from "../../indicators/compiler/load.ts";
import { loadModel } from "../../indicators/compiler/model.ts";
import { MEASURED_COLUMN_NAMES } from "../../indicators/result-columns.ts";
import { runIndicator } from "../../indicators/engine.ts";
import { seededDatabase } from "./helpers/seed-db.ts";

const DIR = "tests/fixtures/indicators/broken";
const file = (name: string) => `${DIR}/${name}.yaml`;

describe("a folder with broken definitions", () => {
  const catalogue = loadCatalogue({ dir: DIR });

  it("loads the good definition", () => {
    expect(catalogue.definitions.map((d) => d.id)).toEqual(["good_share"]);
  });

  it("reports every shape error of one file, each at its path", () => {
    const found = catalogue.errors.filter((e) => e.file === file("shape_errors"));
    expect(found.map((e) => [e.path, e.code])).toEqual([
      ["version", "invalid_definition"],
      ["unit", "invalid_definition"],
      ["measure.numerator.where.op", "invalid_definition"],
      ["measure.denominator.where.value", "invalid_definition"],
      ["source.url", "invalid_definition"],
      ["colour", "invalid_definition"],
    ]);
    expect(formatIssue(found[5] ?? { code: "read_failed", message: "" })).toBe(
      `${file("shape_errors")}: colour: unknown key`,
    );
  });

  it("reports every name and type error of one file", () => {
    const found = catalogue.errors.filter((e) => e.file === file("name_errors"));
    expect(found.map((e) => [e.path, e.code])).toEqual([
      ["id", "id_mismatch"],
      ["requires_fields.0", "unknown_field"],
      ["breakdowns.1", "unknown_dimension"],
      ["measure.numerator.field", "type_mismatch"],
      ["measure.numerator.where.value", "type_mismatch"],
      ["measure.denominator.where.op", "type_mismatch"],
      ["thresholds.green.op", "invalid_definition"],
    ]);
    expect(found[2]?.message).toBe('unknown dimension "commune"');
  });

  it("reports YAML syntax errors with line and column", () => {
    const found = catalogue.errors.filter((e) => e.file === file("syntax_error"));
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ code: "yaml_syntax", path: "" });
    expect(found[0]?.message).toMatch(/at line 2, column 9$/);
  });

  it("answers a request for a broken definition with its problems, a 400", () => {
    try {
      findDefinition(catalogue, "shape_errors");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(IndicatorError);
      expect((error as IndicatorError).issues).toHaveLength(6);
      expect((error as IndicatorError).httpStatus).toBe(400);
    }
  });

  it("answers an unknown id with a 404", () => {
    expect(() => findDefinition(catalogue, "nothing_here")).toThrow(/unknown indicator/);
    try {
      findDefinition(catalogue, "nothing_here");
    } catch (error) {
      expect((error as IndicatorError).httpStatus).toBe(404);
    }
  });

  it("runs the good definition", async () => {
    const db = await seededDatabase();
    try {
      const result = await runIndicator(db.connection, findDefinition(catalogue, "good_share"));
      // v2 contracts, B-1 to B-3 = 8; innovative filled for all but A-3 = 7;
      // innovative: A-4 only. N is the denominator's 7; the 8 are the contracts in scope.
      expect(result.rows[0]).toMatchObject({ numerator: 1, denominator: 7, n: 7, n_scope: 8 });
    } finally {
      db.close();
    }
  });
});

describe("a broken model", () => {
  it("reports all its problems with paths", () => {
    let caught: unknown;
    try {
      loadModel("tests/fixtures/indicators/broken-model.yaml");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IndicatorError);
    const issues = (caught as IndicatorError).issues.map((i) => [i.path, i.code]);
    expect(issues).toEqual([
      ["fields.bad_column.column", "unknown_field"],
      ["fields.bad_derive.derive.from", "type_mismatch"],
      ["dimensions.value", "invalid_model"],
      ["dimensions.bands.bands.1.below", "invalid_model"],
    ]);
  });
});

describe("names a dimension may not take", () => {
  const dir = mkdtempSync(join(tmpdir(), "observatory-model-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Every column of a result row (n_scope and coverage_value included), a label column's name,
  // and the SQL's own uid: a dimension of that name would collide with them.
  it.each([...MEASURED_COLUMN_NAMES, "region_label", "uid"])("refuses %s", (name) => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(
      file,
      [
        "fields:",
        "  buyer: { label: Acheteur, column: acheteur_id }",
        "supplier_fields: {}",
        "dimensions:",
        `  ${name}: { label: Nom réservé, field: buyer }`,
      ].join("\n"),
    );
    expect(() => loadModel(file)).toThrow(`"${name}" is reserved for result rows`);
  });
});
