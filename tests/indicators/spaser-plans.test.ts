// SPASER files: the shipped ones load and cite their source; a folder of broken files reports
// every problem with its file and dotted path, and the good files beside them still load; the
// committed JSON Schema is the generated one.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../indicators/compiler/errors.ts";
import {
  renderSpaserJsonSchema,
  SPASER_JSON_SCHEMA_PATH,
} from "../../indicators/plans/generate-json-schema.ts";
import { DEFAULT_SPASER_DIR, loadPlans, planOfBuyer } from "../../indicators/plans/load.ts";
import { spaserStatus, stepFor } from "../../indicators/plans/progress.ts";
import type { RowFlag } from "../../indicators/result-columns.ts";
import { shippedCatalogue } from "./helpers/catalogue.ts";

const DIR = "tests/fixtures/spaser/broken";
const file = (name: string) => `${DIR}/${name}.yaml`;

describe("the shipped SPASER files", () => {
  const plans = loadPlans(shippedCatalogue());

  it("load without error, with national defaults", () => {
    expect(plans.errors.map(formatIssue)).toEqual([]);
    expect(plans.national?.targets.map((t) => t.indicator)).toEqual([
      "social_consideration_share",
      "environmental_consideration_share",
      "climate_law_environmental_share",
    ]);
  });

  it("give every national target its own source, and every plan a source", () => {
    for (const t of plans.national?.targets ?? []) expect(t.source?.name).toMatch(/\S/);
    for (const p of plans.plans) expect(p.source.name).toMatch(/\S/);
  });

  it("cover Région Bretagne by the SIRET of its own contracts file", () => {
    const csv = readFileSync(
      "data/samples/real-flat-region-bretagne-rendu-compte-2021.csv",
      "utf8",
    );
    const siret = csv.split("\n")[1]?.split("|")[2] ?? "";
    expect(siret).toMatch(/^\d{14}$/);
    const plan = planOfBuyer(plans, siret);
    expect(plan?.id).toBe("region_bretagne");
    expect(plan?.targets.map((t) => [t.indicator, t.trajectory.at(-1)?.value])).toEqual([
      ["sme_advance_share", 0.5],
      ["first_time_supplier_share", 0.3],
    ]);
    expect(planOfBuyer(plans, "00000000000000")).toBeNull();
  });

  it("point editors to the JSON Schema", () => {
    for (const name of readdirSync(DEFAULT_SPASER_DIR).filter((n) => n.endsWith(".yaml")))
      expect(readFileSync(`${DEFAULT_SPASER_DIR}/${name}`, "utf8")).toMatch(
        /^# yaml-language-server: \$schema=\.\.\/schema\/spaser\.schema\.json\n/,
      );
  });

  it("have a committed JSON Schema equal to the generated one", async () => {
    expect(readFileSync(SPASER_JSON_SCHEMA_PATH, "utf8")).toBe(await renderSpaserJsonSchema());
  });
});

describe("a folder of broken SPASER files", () => {
  const plans = loadPlans(shippedCatalogue(), DIR);
  const at = (name: string) => plans.errors.filter((e) => e.file === file(name)).map((e) => e.path);

  it("still loads the good files", () => {
    expect(plans.plans.map((p) => p.id)).toEqual(["good_group"]);
    expect(plans.national?.id).toBe("national");
    const group = plans.plans[0];
    expect(group?.targets[0]?.scope).toEqual(["amount_band!=lt_40k"]);
    expect(planOfBuyer(plans, "20004697700012")?.id).toBe("good_group");
  });

  it("reports every shape error at its path", () => {
    expect(at("shape_errors").sort()).toEqual(
      [
        "version",
        "buyers.0.id",
        "adopted",
        "targets.0.trajectory.0.value",
        "targets.0.colour",
      ].sort(),
    );
    const unknown = plans.errors.find((e) => e.path === "targets.0.colour");
    expect(unknown && formatIssue(unknown)).toBe(
      `${file("shape_errors")}: targets.0.colour: unknown key`,
    );
  });

  it("reports every error against the catalogue at its path", () => {
    expect(at("catalogue_errors")).toEqual([
      "id",
      "targets.0.indicator",
      "targets.1.trajectory.1.year",
      "targets.1.trajectory.1.value",
      "targets.1.trajectory.2.year",
      "targets.1.scope.0",
      "targets.1.scope.1",
      "targets.2.indicator",
    ]);
    const scope = plans.errors.find((e) => e.path === "targets.1.scope.0");
    expect(scope?.message).toMatch(/unknown dimension "commune"/);
  });

  it("refuses a second plan for a buyer that has one", () => {
    expect(at("overlap")).toEqual(["buyers.0.id"]);
    expect(plans.errors.find((e) => e.file === file("overlap"))?.message).toContain(
      file("good_group"),
    );
  });

  it("reports YAML syntax errors with their line", () => {
    const syntax = plans.errors.filter((e) => e.file === file("yaml_syntax"));
    expect(syntax.map((e) => e.code)).toEqual(["yaml_syntax"]);
    expect(syntax[0]?.message).toMatch(/line \d+/);
  });
});

describe("a target's year and status", () => {
  const trajectory = [
    { year: 2024, value: 0.2 },
    { year: 2026, value: 0.4 },
  ];
  const base = {
    polarity: "higher_is_better" as const,
    requiresFormat: "v2" as const,
    contracts2024: 12,
    target: 0.3,
    due: true,
    notApplicable: null,
  };

  it("measures a year against its own step, else the one in force before it; never a later one", () => {
    expect(stepFor(trajectory, 2024)).toEqual({ step: { year: 2024, value: 0.2 }, due: true });
    // 2025 is held to 2024's step, not yet to 2026's.
    expect(stepFor(trajectory, 2025)).toEqual({ step: { year: 2024, value: 0.2 }, due: true });
    expect(stepFor(trajectory, 2030)).toEqual({ step: { year: 2026, value: 0.4 }, due: true });
    // Before the first step: the distance to it, no verdict.
    expect(stepFor(trajectory, 2019)).toEqual({ step: { year: 2024, value: 0.2 }, due: false });
    expect(stepFor([], 2024)).toBeNull();
  });

  it("gives one status, the format first, then the count, the coverage, then the comparison", () => {
    const figure = (value: number | null, flags: RowFlag[] = []) => ({
      value,
      n: 20,
      n_scope: 20,
      flags,
    });
    // A figure that does not apply to the buyer says so first, whatever its format or N (Région
    // Bretagne's share of titulaires « dans le département de l'acheteur »: N = 0 over 191).
    const noDepartement = { ...base, notApplicable: "une Région n'a pas de département" };
    const zero = {
      value: null,
      n: 0,
      n_scope: 191,
      flags: ["below_min_n", "low_coverage"] as RowFlag[],
    };
    expect(spaserStatus({ ...noDepartement, figure: zero })).toBe("not_applicable");
    expect(spaserStatus({ ...noDepartement, figure: zero, contracts2024: 0 })).toBe(
      "not_applicable",
    );
    expect(spaserStatus({ ...base, figure: figure(0.5), contracts2024: 0 })).toBe("no_2024_format");
    expect(spaserStatus({ ...base, figure: figure(null, ["format_not_available"]) })).toBe(
      "no_2024_format",
    );
    // No contract of the year concerned: nothing to measure, not « trop peu de marchés » (Dijon's
    // 2024 had 25 contracts, none notified since 21 August 2026, for the Climate law's target).
    expect(spaserStatus({ ...base, requiresFormat: "any", figure: null, contracts2024: 0 })).toBe(
      "no_contract",
    );
    expect(spaserStatus({ ...base, figure: figure(0.9, ["below_min_n"]) })).toBe("too_few");
    // Contracts concerned, none with the information (N = 0, coverage 0): unknown, not too few,
    // though the engine flags it below_min_n too; the 2024 format, when missing, says more.
    const unpublished = {
      value: null,
      n: 0,
      n_scope: 2,
      flags: ["below_min_n", "low_coverage"] as RowFlag[],
    };
    expect(spaserStatus({ ...base, figure: unpublished })).toBe("unknown");
    expect(spaserStatus({ ...base, figure: unpublished, contracts2024: 0 })).toBe("no_2024_format");
    // None concerned at all: nothing to measure.
    expect(spaserStatus({ ...base, figure: { ...unpublished, n_scope: 0, flags: [] } })).toBe(
      "no_contract",
    );
    expect(spaserStatus({ ...base, figure: figure(0.3) })).toBe("met");
    expect(spaserStatus({ ...base, figure: figure(0.29) })).toBe("behind");
    // A field filled in too few of the contracts: no verdict, either way.
    expect(spaserStatus({ ...base, figure: figure(0.29, ["low_coverage"]) })).toBe("little_known");
    expect(spaserStatus({ ...base, figure: figure(0.9, ["low_coverage"]) })).toBe("little_known");
    expect(spaserStatus({ ...base, polarity: "lower_is_better", figure: figure(0.29) })).toBe(
      "met",
    );
    // A year before its target's first step: neither met nor behind, after the data's own limits.
    expect(spaserStatus({ ...base, due: false, figure: figure(0.29) })).toBe("not_due");
    expect(spaserStatus({ ...base, due: false, figure: figure(0.9) })).toBe("not_due");
    expect(spaserStatus({ ...base, due: false, figure: figure(0.9, ["below_min_n"]) })).toBe(
      "too_few",
    );
  });
});
