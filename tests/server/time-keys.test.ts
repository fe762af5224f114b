// The dashboard tells a period column from the others by its name (a year, a quarter, a month):
// its one list must name the engine's grains, or a new grain would be drawn as a category and
// its rows judged against a target as totals are.
import { describe, expect, it } from "vitest";
import { GRAINS } from "../../indicators/index.ts";

const COMMON = new URL("../../client/src/charts/common.js", import.meta.url);

describe("the dashboard's time keys", () => {
  it("are the engine's grains", async () => {
    const { TIME_KEYS } = (await import(COMMON.href)) as { TIME_KEYS: string[] };
    expect([...TIME_KEYS].sort()).toEqual([...GRAINS].sort());
  });
});
