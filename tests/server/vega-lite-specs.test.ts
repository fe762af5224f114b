// Every Vega-Lite spec the client can build, from real API answers, is valid against the
// Vega-Lite JSON schema and compiles without a warning. The sweep of every indicator by each of
// its breakdowns also checks each answer against the OpenAPI document (one sweep serves both).
// @module-tag slow
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenApiValidator, type OpenApiDocument } from "./helpers/openapi-validator.ts";
import { startTestServer, type TestServer } from "./helpers/test-server.ts";
import {
  check,
  draw,
  loadSpecs,
  marks,
  xEncodings,
  type Result,
  type Specs,
} from "./helpers/vega-specs.ts";

const TIME = ["year", "quarter", "month"];

let t: TestServer;
let specs: Specs;
let openApi: OpenApiValidator;

beforeAll(async () => {
  t = await startTestServer();
  specs = await loadSpecs();
  openApi = new OpenApiValidator(await t.json<OpenApiDocument>("/api/openapi.json"));
});

/** An indicator's answer, checked against the OpenAPI document before its specs are built. */
async function answer(path: string): Promise<Result> {
  const body = await t.json<Result>(path);
  expect(openApi.errors("get", "/api/indicators/{id}", 200, body), path).toEqual([]);
  return body;
}
afterAll(() => t?.close());

describe("Vega-Lite specs", () => {
  it("validates the trend, breakdown and map specs of every indicator, and its answers", async () => {
    const counts = { n: 0 };
    const { indicators } = await t.json<{ indicators: Result["indicator"][] }>("/api/indicators");
    for (const ind of indicators) {
      await answer(`/api/indicators/${ind.id}`);
      const byYear = await answer(`/api/indicators/${ind.id}?by=year`);
      check(specs.trendSpec(byYear), `${ind.id} trend`, counts);
      check(specs.trendSpec(byYear, { compact: true }), `${ind.id} card trend`, counts);
      // An empty selection still gives valid specs.
      const none = await answer(`/api/indicators/${ind.id}?by=year&filter=year<1900`);
      expect(none.rows).toEqual([]);
      check(specs.trendSpec(none), `${ind.id} empty trend`, counts);
      for (const { id } of ind.breakdowns.filter((b) => b.id !== "year")) {
        const result = await answer(`/api/indicators/${ind.id}?by=${id}`);
        if (TIME.includes(id)) continue;
        check(specs.breakdownSpec(result, id)?.spec, `${ind.id} by ${id}`, counts);
        if (id === "departement") check(specs.mapSpec(result), `${ind.id} map`, counts);
      }
    }
    expect(counts.n).toBeGreaterThan(300);
  }, 240_000); // every indicator of the catalogue, each by every breakdown: minutes on a busy machine

  it("validates the heatmap of two dimensions of every single-valued indicator", async () => {
    const counts = { n: 0 };
    const { indicators } = await t.json<{ indicators: Result["indicator"][] }>("/api/indicators");
    for (const ind of indicators.filter((i) => i.shape === "single")) {
      const ids = ind.breakdowns.map((b) => b.id);
      const first = ids.find((id) => !TIME.includes(id)) ?? "";
      for (const second of [
        "year",
        "quarter",
        ids.find((id) => !TIME.includes(id) && id !== first),
      ]) {
        if (!second || !ids.includes(second)) continue;
        const result = await t.json<Result>(`/api/indicators/${ind.id}?by=${first},${second}`);
        const heatmap = specs.heatmapSpec(result, first, second);
        check(heatmap?.spec, `${ind.id} by ${first} and ${second}`, counts);
        expect(heatmap?.shown, ind.id).toBeLessThanOrEqual(30);
      }
      // An empty selection too.
      const none = await t.json<Result>(
        `/api/indicators/${ind.id}?by=${first},year&filter=year<1900`,
      );
      check(specs.heatmapSpec(none, first, "year")?.spec, `${ind.id} empty heatmap`, counts);
    }
    expect(counts.n).toBeGreaterThan(40);
  }, 240_000); // every indicator of the catalogue, each by every breakdown: minutes on a busy machine

  it("draws time as time: temporal x, never smoothed, on every trend", async () => {
    const { indicators } = await t.json<{ indicators: Result["indicator"][] }>("/api/indicators");
    for (const ind of indicators.filter((i) => i.breakdowns.some((b) => b.id === "year"))) {
      const byYear = await t.json<Result>(`/api/indicators/${ind.id}?by=year`);
      for (const spec of [specs.trendSpec(byYear), specs.trendSpec(byYear, { compact: true })]) {
        if (!spec) throw new Error(`${ind.id}: no trend`);
        const time = xEncodings(spec).filter((x) => x.field === "period");
        expect(time.length, ind.id).toBeGreaterThan(0);
        for (const x of time)
          expect(x, ind.id).toMatchObject({ type: "temporal", timeUnit: "utcyear" });
        for (const mark of marks(spec)) expect(mark, ind.id).not.toHaveProperty("interpolate");
      }
    }
  });

  it("says shares in its tooltips as the tables do: never « 100 % » short of all", async () => {
    const { shareText } = await import("../../client/src/shared/share-text.js");
    const result = await t.json<Result>("/api/indicators/single_offer_rate?by=year");
    const spec = specs.trendSpec(result);
    if (!spec) throw new Error("no trend");
    // No tooltip formats a share itself (d3's ".1%" rounds 99.98 % to « 100,0 % »).
    expect(JSON.stringify(spec)).not.toContain('"format":".1%"');
    const tooltipFields = JSON.stringify(spec).match(/"field":"(value|coverage)_text"/g) ?? [];
    expect(tooltipFields.length).toBeGreaterThan(0);
    const values = (spec.data as { values: Record<string, unknown>[] }).values;
    const shown = values.filter((v) => typeof v.coverage === "number");
    expect(shown.length).toBeGreaterThan(0);
    for (const v of shown) {
      expect(v.coverage_text).toBe(shareText(v.coverage as number));
      expect(v.value_text).toBe(v.value === null ? null : shareText(v.value as number));
    }
    // 2024 of the samples: a few contracts without the field.
    const nearlyAll = shown.filter((v) => (v.coverage as number) > 0.9995 && v.coverage !== 1);
    expect(nearlyAll.length).toBeGreaterThan(0);
    for (const v of nearlyAll) expect(String(v.coverage_text)).toMatch(/^>\u00a099,9\s%$/);
    // A value that is not a share has no such words (its tooltip formats the number).
    const amounts = specs.trendSpec(await t.json<Result>("/api/indicators/amount_total?by=year"));
    const amountRows = (amounts?.data as { values: Record<string, unknown>[] }).values;
    expect(amountRows.some((v) => typeof v.value === "number")).toBe(true);
    expect(amountRows.filter((v) => v.value_text !== null && v.value_text !== undefined)).toEqual(
      [],
    );
    // The map looks the words up with the numbers.
    const map = specs.mapSpec(
      await t.json<Result>("/api/indicators/single_offer_rate?by=departement"),
    );
    expect(JSON.stringify(map)).toContain('"coverage_text"');
    expect(JSON.stringify(map)).not.toContain('"format":".1%"');
  });

  it("labels the value axis of a breakdown about every 80 pixels", async () => {
    const result = await t.json<Result>("/api/indicators/single_offer_rate?by=region");
    const spec = specs.breakdownSpec(result, "region")?.spec;
    if (!spec) throw new Error("no breakdown");
    for (const width of [1100, 330]) {
      const labels = (await draw(spec, width)).texts.filter((text) => /^\d+\s%$/.test(text));
      expect(labels.length, String(width)).toBeGreaterThanOrEqual(2);
      expect(labels.length, String(width)).toBeLessThanOrEqual(Math.ceil(width / 80) + 1);
    }
  });

  it("wraps a breakdown's value title to the chart's width: one line on a laptop", async () => {
    const result = await t.json<Result>("/api/indicators/social_consideration_share?by=procedure");
    const title = (width?: number) => {
      const built = specs.breakdownSpec(result, "procedure", width ? { width } : {});
      check(built?.spec, `breakdown ${String(width)} px wide`, { n: 0 });
      return xEncodings(built?.spec ?? {})[0]?.title;
    };
    const words = "Part des marchés comportant une considération sociale (part)";
    // The chart's box on a laptop (1366 px window): 1134 px, about 840 of them for the bars.
    // The phone's lines made it four there, under bars 800 px wide.
    expect(title(1134)).toBe(words);
    // On a phone (390 px window), a 324 px box and about 160 px of bars: lines of 24 characters.
    const phone = title(324);
    expect(Array.isArray(phone) && phone.join(" ")).toBe(words);
    for (const line of phone as string[]) expect(line.length).toBeLessThanOrEqual(24);
    expect((phone as string[]).length).toBeGreaterThan(1);
    // A box not laid out yet (no width) gets the phone's lines, which fit any box.
    expect(title()).toEqual(phone);
    // Between the two, lines as long as the bars' width allows.
    const tablet = title(700);
    expect(Array.isArray(tablet) && tablet.length).toBe(2);
  });

  it("draws quarters and months on the same kind of axis", async () => {
    for (const [grain, unit] of [
      ["quarter", "utcyearquarter"],
      ["month", "utcyearmonth"],
    ] as const) {
      const result = await t.json<Result>(`/api/indicators/contracts_count?by=${grain}`);
      for (const compact of [false, true]) {
        const spec = specs.trendSpec(result, { compact });
        check(spec, `contracts_count by ${grain}`, { n: 0 });
        const time = xEncodings(spec ?? {}).filter((x) => x.field === "period");
        expect(time.length, grain).toBeGreaterThan(0);
        for (const x of time) expect(x).toMatchObject({ type: "temporal", timeUnit: unit });
      }
    }
  });

  it("leaves a missing year empty and draws the undated contracts apart", async () => {
    // A result made by hand: 2019 and 2021 (no row for 2020), and contracts without a date.
    const contracts = await t.json<Result>("/api/indicators/contracts_count?by=year");
    const row = (year: number | null, value: number) => ({
      year,
      value,
      n: value,
      n_scope: value,
      coverage: 1,
      flags: [],
    });
    const result = { ...contracts, rows: [row(2019, 10), row(2021, 30), row(null, 7)] };
    const spec = specs.trendSpec(result);
    if (!spec) throw new Error("no trend");
    check(spec, "hand-made trend", { n: 0 });
    const values = (spec.data as { values: Record<string, unknown>[] }).values;
    // 2020 is a row without a value at 1 January 2020 (UTC): the line breaks there.
    expect(values).toContainEqual({ period: Date.UTC(2020, 0, 1), value: null, undated: false });
    const line = marks(spec).find((m) => m.type === "line");
    expect(line?.invalid).toBe("break-paths-filter-domains");
    const drawn = await draw(spec);
    // Vega prints one path per line mark; a break starts a new sub-path ("M") in it.
    const linePath =
      /class="mark-line[^"]*"[^>]*>\s*<path[^>]* d="([^"]+)"/.exec(drawn.svg)?.[1] ?? "";
    expect(linePath.match(/M/g)?.length).toBe(2);
    // 2020 has its place on the time axis, with nothing drawn above it.
    expect(drawn.texts).toEqual(expect.arrayContaining(["2019", "2020", "2021"]));
    // The undated contracts: their own axis, labelled, and their own point.
    expect(drawn.texts).toContain("Date inconnue");
    const points = drawn.svg.match(/class="mark-symbol role-mark[^"]*"[^>]*>(.*?)<\/g>/g) ?? [];
    // Two groups of points: 2019 and 2021 on the time axis, the undated one in its panel.
    expect(points.map((g) => g.match(/<path/g)?.length ?? 0)).toEqual([2, 1]);
    const panel = xEncodings(spec).find((x) => x.field === "year_label");
    expect(panel).toMatchObject({ type: "nominal" });
    expect(spec.resolve).toEqual({ scale: { x: "independent" }, axis: { x: "independent" } });
    // Without undated contracts there is no panel.
    const dated = specs.trendSpec({ ...contracts, rows: [row(2019, 10), row(2021, 30)] });
    expect(JSON.stringify(dated)).not.toContain("Date inconnue");
  });

  it("labels the first and the last year of a card's small chart", async () => {
    const contracts = await t.json<Result>("/api/indicators/contracts_count?by=year");
    const years = (contracts.rows as { year: number | null }[])
      .map((r) => r.year)
      .filter((y): y is number => y !== null);
    const spec = specs.trendSpec(contracts, { compact: true });
    if (!spec) throw new Error("no trend");
    const labels = (await draw(spec, 250)).texts.filter((text) => /^\d{4}$/.test(text));
    expect(labels).toEqual([String(Math.min(...years)), String(Math.max(...years))]);
  });

  it("labels as many years as fit: fewer on a phone, the latest always", async () => {
    const contracts = await t.json<Result>("/api/indicators/contracts_count?by=year");
    const years = (contracts.rows as { year: number | null }[])
      .map((r) => r.year)
      .filter((y): y is number => y !== null);
    const latest = String(Math.max(...years));
    const spec = specs.trendSpec(contracts);
    if (!spec) throw new Error("no trend");
    const labels = async (width: number) =>
      (await draw(spec, width)).texts.filter((text) => /^\d{4}$/.test(text));
    const [laptop, phone] = [await labels(1100), await labels(330)];
    expect(laptop).toContain(latest);
    expect(phone).toContain(latest);
    // At most eight labels: every step-th year counted back from the latest, the smallest step
    // that keeps eight or fewer (1100 px leave room for it).
    const span = Math.max(...years) - Math.min(...years) + 1;
    expect(laptop.length).toBe(Math.ceil(span / Math.ceil(span / 8)));
    // The time axis of a phone (330 px less the undated panel) has room for about four years.
    expect(phone.length).toBeLessThan(laptop.length);
    expect(phone.length).toBeLessThanOrEqual(4);
  });

  it("says « pas de valeur » on a breakdown's row without one, never on a value of 0", async () => {
    const result = await t.json<Result>("/api/indicators/social_consideration_share?by=region");
    const rows = result.rows as { value: number | null }[];
    const none = rows.filter((r) => r.value === null);
    const zero = rows.filter((r) => r.value === 0);
    // The premise: the samples have régions of each kind.
    expect(none.length).toBeGreaterThan(0);
    expect(zero.length).toBeGreaterThan(0);
    const built = specs.breakdownSpec(result, "region");
    check(built?.spec, "breakdown with rows without value", { n: 0 });
    const { texts: drawn } = await draw(built?.spec ?? {});
    expect(drawn.filter((text) => text === "pas de valeur")).toHaveLength(none.length);
  });

  it("validates the bar charts of the buyer and supplier pages", async () => {
    const counts = { n: 0 };
    const { buyers } = await t.json<{ buyers: { siret: string }[] }>("/api/buyers?q=ville");
    const buyer = await t.json<{ by_year: Record<string, unknown>[] }>(
      `/api/buyers/${buyers[0]?.siret}`,
    );
    const options = {
      x: "year",
      y: "contracts",
      xTitle: "Année",
      yTitle: "Marchés",
      format: ",.0f",
      description: "test",
    };
    check(specs.barSpec(buyer.by_year, options), "buyer years", counts);
    check(specs.barSpec([], options), "empty years", counts);
    // By hand: 2019 and 2021, none in 2020, and 127 contracts without a date.
    const rows = [
      { year: 2019, contracts: 3 },
      { year: 2021, contracts: 1 },
      { year: null, contracts: 127 },
    ];
    const spec = specs.barSpec(rows, options);
    check(spec, "years with a gap and undated contracts", counts);
    expect(counts.n).toBe(3);
    for (const x of xEncodings(spec).filter((e) => e.field === "period"))
      expect(x).toMatchObject({ type: "temporal", timeUnit: "utcyear" });
    const drawn = await draw(spec);
    expect(drawn.texts).toEqual(expect.arrayContaining(["2019", "2020", "2021", "Date inconnue"]));
    // One year and undated contracts (a buyer of the 2019 samples): the year is labelled too.
    const one = await draw(
      specs.barSpec(
        [
          { year: 2019, contracts: 3 },
          { year: null, contracts: 127 },
        ],
        options,
      ),
      360,
    );
    expect(one.texts).toEqual(expect.arrayContaining(["2019", "Date inconnue"]));
    // Rects in drawing order: the 2019 and 2021 bars, the panel's background, the undated bar.
    const bars = drawn.svg.match(/class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/g) ?? [];
    expect(bars.map((g) => g.match(/<path/g)?.length ?? 0)).toEqual([2, 1, 1]);
  });

  it("draws a supplier's one year as a bar, not a block across the chart", async () => {
    // SARL BERGE: 14 contracts, all of 2018, in the shipped samples.
    const { suppliers } = await t.json<{ suppliers: { titulaire_id: string; nom: string }[] }>(
      "/api/suppliers?q=berge",
    );
    const berge = suppliers.find((s) => s.nom === "SARL BERGE");
    const supplier = await t.json<{ by_year: Record<string, unknown>[] }>(
      `/api/suppliers/${berge?.titulaire_id}`,
    );
    expect(supplier.by_year.map((r) => r.year)).toEqual([2018]);
    const options = {
      x: "year",
      y: "contracts",
      xTitle: "Année de notification",
      yTitle: "Nombre de marchés",
      format: ",.0f",
      description: "test",
    };
    /** The widths of the years' bars (Vega draws a bar as « M x,y h width v height… »). */
    const widths = async (rows: Record<string, unknown>[], width: number) => {
      const spec = specs.barSpec(rows, options);
      check(spec, `bars ${width} px wide`, { n: 0 });
      const { svg } = await draw(spec, width);
      const layer = /class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? "";
      return [...layer.matchAll(/ d="M[-\d.]+,[-\d.]+h([\d.]+)v/g)].map((m) => Number(m[1]));
    };
    // Laptop and phone: one bar at most 60 px wide (it spanned the whole 1 000 px of the axis).
    for (const width of [1100, 330]) {
      const [bar, ...others] = await widths(supplier.by_year, width);
      expect(others, String(width)).toEqual([]);
      expect(bar, String(width)).toBeGreaterThan(20);
      expect(bar, String(width)).toBeLessThanOrEqual(60);
    }
    // Several years: each bar within its year's room, none wider than a single year's.
    const years = [
      { year: 2018, contracts: 4 },
      { year: 2019, contracts: 1 },
      { year: 2024, contracts: 2 },
    ];
    for (const width of [1100, 330]) {
      const drawn = await widths(years, width);
      expect(drawn, String(width)).toHaveLength(3);
      for (const bar of drawn)
        expect(bar, String(width)).toBeLessThanOrEqual(Math.min(60, width / 7));
    }
  });
});
