// The day of an instant is Paris's day, on the dashboard and in the annual report alike
// (client/src/shared/paris-day.js): a load at 00:05 in Paris, 23:05 UTC the day before, is said
// to be of the Paris day, as the run history says it; a calendar date is never moved.
import { describe, expect, it } from "vitest";
import { parisDay } from "../../client/src/shared/paris-day.js";
import { formatDay } from "../../server/report/format.ts";

/** The dashboard's formatting (plain JavaScript, loaded as the browser loads it). */
interface ClientFormat {
  formatDate(value: unknown): string;
}
const CLIENT_FORMAT: string = "../../client/src/format.js";
const { formatDate } = (await import(CLIENT_FORMAT)) as ClientFormat;
interface RunsFormat {
  daysAgo(iso: string | null | undefined, now?: Date): string;
}
const RUNS_FORMAT: string = "../../client/src/runs-format.js";
const { daysAgo } = (await import(RUNS_FORMAT)) as RunsFormat;

describe("the day of an instant", () => {
  it("is the day in Paris, in winter (UTC+1) and in summer (UTC+2)", () => {
    expect(parisDay("2026-12-05T22:59:59Z")).toBe("2026-12-05");
    expect(parisDay("2026-12-05T23:05:05Z")).toBe("2026-12-06");
    expect(parisDay("2026-07-14T21:59:00Z")).toBe("2026-07-14");
    expect(parisDay("2026-07-14T22:00:00.000Z")).toBe("2026-07-15");
    // The year turns in Paris first.
    expect(parisDay("2025-12-31T23:30:00Z")).toBe("2026-01-01");
  });

  it("reads the offset the date-time names", () => {
    expect(parisDay("2026-12-06T00:05:00+01:00")).toBe("2026-12-06");
    expect(parisDay("2026-12-05T20:00:00-05:00")).toBe("2026-12-06");
    expect(parisDay("2026-12-05 23:05:05+00")).toBe("2026-12-06");
  });

  it("leaves a calendar date, and a date-time without its zone, on the day written", () => {
    expect(parisDay("2024-07-12")).toBe("2024-07-12");
    expect(parisDay("2024-07-12T23:30:00")).toBe("2024-07-12");
    expect(parisDay("2024-07-12 23:30:00")).toBe("2024-07-12");
  });

  it("is no day for a text that is no date", () => {
    expect(parisDay("")).toBeNull();
    expect(parisDay("12/07/2024")).toBeNull();
    expect(parisDay("2024-07-12Tnoon+02:00")).toBeNull();
  });
});

describe("the dashboard and the report", () => {
  it("say the same day of a load just after midnight in Paris", () => {
    const loaded = "2026-12-05T23:05:05Z";
    expect(formatDate(loaded)).toBe("6 décembre 2026");
    expect(formatDay(loaded)).toBe("06/12/2026");
  });

  it("keep a notification date as published", () => {
    expect(formatDate("2024-07-12")).toBe("12 juillet 2024");
    expect(formatDay("2024-07-12")).toBe("12/07/2024");
  });

  it("write the first of the month as French does", () => {
    expect(formatDate("2018-10-01")).toBe("1er octobre 2018");
    expect(formatDate("2025-01-01T10:00:00Z")).toBe("1er janvier 2025");
    expect(formatDate("2024-07-11")).toBe("11 juillet 2024");
    expect(formatDate("2024-07-21")).toBe("21 juillet 2024");
  });

  it("show what is not a date as it is, and nothing as unknown", () => {
    expect(formatDate("bientôt")).toBe("bientôt");
    expect(formatDay("bientôt")).toBe("bientôt");
    expect(formatDate(null)).toBe("—");
    expect(formatDay(null)).toBe("inconnu");
  });
});

describe("how long ago the data were loaded", () => {
  it("counts Paris's calendar days, as the date written beside it", () => {
    // Loaded at 23:00 in Paris, read at 08:00 the next morning: the day before, not today.
    expect(daysAgo("2026-12-05T22:00:00Z", new Date("2026-12-06T07:00:00Z"))).toBe("il y a 1 jour");
    // Loaded at 00:05 in Paris (23:05 UTC the day before), read at 23:00: the same day.
    expect(daysAgo("2026-12-05T23:05:00Z", new Date("2026-12-06T22:00:00Z"))).toBe("aujourd'hui");
    expect(daysAgo("2026-12-01T10:00:00Z", new Date("2026-12-04T09:00:00Z"))).toBe(
      "il y a 3 jours",
    );
    // Across the change to summer time (a day of 23 hours).
    expect(daysAgo("2026-03-28T12:00:00Z", new Date("2026-03-30T12:00:00Z"))).toBe(
      "il y a 2 jours",
    );
  });

  it("says nothing of a date it cannot read", () => {
    expect(daysAgo(null, new Date("2026-12-06T07:00:00Z"))).toBe("");
    expect(daysAgo("hier", new Date("2026-12-06T07:00:00Z"))).toBe("");
  });
});
