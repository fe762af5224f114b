// The report's distance to a target (words-targets.ts gapText) follows the engine's status of the
// figure, the one « Mon SPASER » shows: a distance for a figure read against its target (met,
// behind, not yet due), none for a figure the status says cannot be concluded. It worked this out
// again from the flags (below_min_n, low_coverage), so a status decided otherwise by the engine
// and a distance could disagree in one block.
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../indicators/index.ts";
import type { ReportIndicator } from "../../server/report/data.ts";
import type { ReportTarget } from "../../server/report/targets.ts";
import { gapText } from "../../server/report/words-targets.ts";

const definition = loadCatalogue().definitions.find((d) => d.id === "social_consideration_share");
const target = (due: boolean): ReportTarget => ({
  value: 0.3,
  year: 2025,
  due,
  label: "30 % des marchés",
  source: "PNAD",
  origin: "national",
  plan: "Objectifs nationaux",
  deliberation: null,
  adopted: null,
  trajectory: [{ year: 2025, value: 0.3 }],
  scope: [],
});

function figure(status: ReportIndicator["status"], due = true): ReportIndicator {
  if (!definition) throw new Error("social_consideration_share is in the catalogue");
  return {
    definition,
    value: 0.2,
    n: 20,
    n_scope: 20,
    coverage: 1,
    flags: [],
    previous: null,
    trend: [],
    target: target(due),
    notApplicable: null,
    status,
  };
}
const plain = (s: string | null) => s?.replace(/\s/g, " ") ?? null;

describe("the distance of a figure to its target", () => {
  it("is given when the status reads the figure against its target", () => {
    expect(plain(gapText(figure("behind"), 2025))).toBe(
      "10 points en dessous de l'objectif de 2025 (30 %)",
    );
    expect(plain(gapText(figure("not_due", false), 2024))).toBe(
      "10 points en dessous de l'objectif fixé pour 2025 (30 %) ; 1 an pour l'atteindre",
    );
  });

  it("is not given when the status says the figure cannot be concluded, whatever its flags", () => {
    for (const status of ["too_few", "little_known", "unknown", "no_2024_format"] as const)
      expect([status, gapText(figure(status), 2025)]).toEqual([status, null]);
  });
});
