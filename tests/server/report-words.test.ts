// The annual report's counts of contracts in French: the singular below two (« 0 marché »,
// « 1 marché notifié »), the plural from two, with the number written as everywhere else.
import { describe, expect, it } from "vitest";
import { contracts } from "../../server/report/words.ts";

describe("contracts(n)", () => {
  it("takes the singular for 0 and 1, the plural from 2", () => {
    expect(contracts(0)).toBe("0 marché");
    expect(contracts(1)).toBe("1 marché");
    expect(contracts(2)).toBe("2 marchés");
  });

  it("agrees the participle with the noun", () => {
    expect(contracts(1, "notifié")).toBe("1 marché notifié");
    expect(contracts(0, "notifié")).toBe("0 marché notifié");
    expect(contracts(12, "notifié")).toBe("12 marchés notifiés");
  });

  it("writes thousands as the rest of the report does", () => {
    expect(contracts(16761)).toMatch(/^16\s761 marchés$/u);
  });
});
