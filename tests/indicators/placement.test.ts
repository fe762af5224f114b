// Where the dashboard shows each indicator comes from the definitions: `theme` and `rank` place it
// under a question of the home page, `pages` on the buyer's pages. Adding an indicator is one file.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseDefinition } from "../../indicators/compiler/load.ts";
import { THEMES } from "../../indicators/compiler/themes.ts";
import { placeIndicators } from "../../indicators/placement.ts";
import { inlineDefinition, shippedCatalogue } from "./helpers/catalogue.ts";

describe("placing indicators", () => {
  it("orders each theme by rank then id, leaves empty themes out, lists each page", () => {
    const placed = placeIndicators([
      inlineDefinition({ id: "b_share", theme: "competition", rank: 2 }),
      inlineDefinition({ id: "a_share", theme: "competition", rank: 2, pages: { buyer: 3 } }),
      inlineDefinition({ id: "c_share", theme: "competition", rank: 1, pages: { buyer: 1 } }),
      inlineDefinition({ id: "d_count", theme: "volume", pages: { buyer_summary: 1 } }),
      // No theme: « Autres indicateurs », after the others.
      inlineDefinition({ id: "e_count" }),
    ]);
    expect(placed.themes).toEqual([
      { id: "volume", title: "Combien achète-t-on, et comment ?", indicators: ["d_count"] },
      {
        id: "competition",
        title: "Y a-t-il assez de concurrence ?",
        indicators: ["c_share", "a_share", "b_share"],
      },
      { id: "other", title: "Autres indicateurs", indicators: ["e_count"] },
    ]);
    expect(placed.pages).toEqual({ buyer: ["c_share", "a_share"], buyer_summary: ["d_count"] });
  });

  it("refuses a theme or a page that does not exist, at its path", () => {
    const { model, definitions } = shippedCatalogue();
    const raw = parse(readFileSync(definitions[0]?.file ?? "", "utf8")) as Record<string, unknown>;
    const file = definitions[0]?.file ?? "";
    const issues = parseDefinition(
      { ...raw, theme: "weather", pages: { home: 1 } },
      file,
      model,
    ).issues.map((i) => i.path);
    expect(issues.sort()).toEqual(["pages.home", "theme"]);
  });

  it("places every shipped indicator under a question, none under « Autres indicateurs »", () => {
    const { definitions } = shippedCatalogue();
    const placed = placeIndicators(definitions);
    const listed = placed.themes.flatMap((t) => t.indicators);
    expect(listed.sort()).toEqual(definitions.map((d) => d.id).sort());
    expect(placed.themes.map((t) => t.id)).not.toContain("other");
    // Themes in the order of the list, each indicator's rank unique within its theme.
    const order = THEMES.map((t) => t.id);
    const positions = placed.themes.map((t) => order.indexOf(t.id));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const theme of placed.themes) {
      const ranks = theme.indicators.map((id) => definitions.find((d) => d.id === id)?.rank);
      expect(new Set(ranks).size, theme.id).toBe(ranks.length);
    }
    // The buyer's two pages show the same indicators in the same order.
    expect(placed.pages.buyer.length).toBeGreaterThan(3);
    expect(placed.pages.buyer_summary).toEqual(placed.pages.buyer);
  });
});

describe("the worked example of indicators/README.md", () => {
  it("is the shipped definition", () => {
    const shipped = parse(
      readFileSync("indicators/definitions/long_duration_share.yaml", "utf8"),
    ) as unknown;
    for (const readme of ["indicators/README.md"]) {
      const text = readFileSync(readme, "utf8");
      const example = /long_duration_share\.yaml`\*\*[^`]*```yaml\n([\s\S]*?)```/.exec(text)?.[1];
      expect(example, readme).toBeDefined();
      expect(parse(example ?? ""), readme).toEqual(shipped);
    }
  });
});
