// Which ids identify nothing (etl/normalise/identity.ts), and the content key that keeps distinct
// contracts distinct and identical ones together.
import { describe, expect, it } from "vitest";
import { contentKey, derivedUid, isPlaceholderId } from "../../../etl/normalise/identity.ts";

describe("isPlaceholderId", () => {
  // Placeholders seen in a real 2019 municipal file, and the rule's other cases.
  it.each([null, "", "   ", "000000000000", "0000000000000000", "2019050000000000", "2019"])(
    "%j cannot identify a contract",
    (id) => expect(isPlaceholderId(id)).toBe(true),
  );
  it.each(["0", "XXXX", "99999999", "201900000000", "--", "2019-00000000"])(
    "%j cannot identify a contract either",
    (id) => expect(isPlaceholderId(id)).toBe(true),
  );
  // Real ids of the shipped samples: DGFiP's year + number + amendment, lots, platform ids.
  it.each(["20190100", "201801000", "2019000000001500", "2024-OCC010-00", "1", "24-1033429"])(
    "%j is a real id",
    (id) => expect(isPlaceholderId(id)).toBe(false),
  );
});

describe("contentKey", () => {
  const lot = {
    objet: "Réhabilitation de l'école Kléber : lot 11 carrelage",
    amount: 73656,
    date: "2019-02-19",
    parties: ["44318930800029", "38385380100053"],
  };

  it("is stable, whatever the order of the titulaires", () => {
    const key = contentKey(lot);
    expect(key).toMatch(/^[0-9a-f]{12}$/);
    expect(contentKey({ ...lot, parties: [...lot.parties].reverse() })).toBe(key);
  });

  it.each([
    ["objet", { objet: "Réhabilitation de l'école Kléber : lot 12 électricité" }],
    ["amount", { amount: 201541 }],
    ["date", { date: "2019-02-20" }],
    ["titulaires", { parties: ["44318930800029"] }],
  ])("changes with the %s", (_label, change) => {
    expect(contentKey({ ...lot, ...change })).not.toBe(contentKey(lot));
  });

  it("makes a key from the buyer, the published id and the content", () => {
    expect(derivedUid("21590220600014", null, "abcdef012345")).toBe("21590220600014~abcdef012345");
    expect(derivedUid("21590220600014", "000000000000", "abcdef012345")).toBe(
      "21590220600014000000000000~abcdef012345",
    );
  });
});
