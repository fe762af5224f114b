// Shares in French figures, one rule for the dashboard and the annual report
// (client/src/shared/share-text.js): rounded to one decimal, never to « 0 % » or « 100 % » when
// the share is not there.
import { describe, expect, it } from "vitest";
import { shareText } from "../../client/src/shared/share-text.js";
import { formatNumber, formatShare } from "../../server/report/format.ts";

/** The dashboard's formatting (plain JavaScript, loaded as the browser loads it). */
interface ClientFormat {
  formatPercent(value: unknown): string;
  formatValue(value: unknown, format: string | undefined): string;
}
const CLIENT_FORMAT: string = "../../client/src/format.js";
const { formatPercent, formatValue } = (await import(CLIENT_FORMAT)) as ClientFormat;

/** Intl's spaces (no-break, narrow no-break) as plain ones, for readable expectations. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("a share in figures", () => {
  it("is rounded to one decimal in French", () => {
    expect(plain(shareText(0.125))).toBe("12,5 %");
    expect(plain(shareText(0.33333))).toBe("33,3 %");
    expect(plain(shareText(0.0005))).toBe("0,1 %");
    expect(plain(shareText(0.9994))).toBe("99,9 %");
  });

  it("reads 0 % and 100 % only when it is none or all", () => {
    expect(plain(shareText(0))).toBe("0 %");
    expect(plain(shareText(1))).toBe("100 %");
    // One contract in three thousand has it: not none.
    expect(plain(shareText(1 / 3000))).toBe("< 0,1 %");
    expect(plain(shareText(Number.MIN_VALUE))).toBe("< 0,1 %");
    // 99.998 % of the amount counted: not all of it.
    expect(plain(shareText(0.99998))).toBe("> 99,9 %");
    expect(plain(shareText(0.9995))).toBe("> 99,9 %");
    expect(plain(shareText(1 - Number.EPSILON))).toBe("> 99,9 %");
  });

  it("rounds other numbers as they are: growths beyond 100 %, falls", () => {
    expect(plain(shareText(1.4))).toBe("140 %");
    expect(plain(shareText(1.0002))).toBe("100 %");
    expect(plain(shareText(-0.05))).toBe("-5 %");
  });

  it("never reads « -0 »: a fall too small to show is no fall, a larger one keeps its sign", () => {
    expect(plain(shareText(-0.00001))).toBe("0 %");
    expect(plain(shareText(-0.001))).toBe("-0,1 %");
    for (const [value, format, said] of [
      [-0.04, "decimal", "0"],
      [-0.4, "integer", "0"],
      [-0.4, "euro", "0 €"],
      [-2, "integer", "-2"],
      [-12.4, "euro", "-12 €"],
    ] as const) {
      expect(plain(formatValue(value, format)), `${value} ${format}`).toBe(said);
      expect(plain(formatNumber(value, format)), `${value} ${format} (report)`).toBe(said);
    }
  });

  it("keeps its sign on the same line: no break between « < » and the figure", () => {
    expect(shareText(0.0001)).toMatch(/^<\u00a0/);
    expect(shareText(0.99999)).toMatch(/^>\u00a0/);
  });

  it("is said the same by the dashboard and the annual report", () => {
    for (const value of [0, 0.0001, 0.0004, 0.0005, 0.125, 0.5, 0.9994, 0.99998, 1, 1.4]) {
      const said = shareText(value);
      expect(formatPercent(value), String(value)).toBe(said);
      expect(formatValue(value, "percent"), String(value)).toBe(said);
      expect(formatNumber(value, "percent"), String(value)).toBe(said);
      expect(formatShare(value), String(value)).toBe(said);
    }
  });
});
