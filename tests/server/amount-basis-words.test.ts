// What a buyer's total amount rests on, in the words of its page and its one-page summary
// (client/src/components/lookup.js): the contracts left out said for what they are, a published
// amount judged suspect apart from a contract published without one (the summary said « N = 179
// marchés au montant connu, sur 194 » of Région Bretagne, whose 15 others are published but
// judged suspect). Plain modules, loaded as the browser does.
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

interface Totals {
  contracts: number;
  amount: number | null;
  amount_contracts: number;
  suspect_amounts: number;
}
interface Lookup {
  amountBasis(amountContracts: number, contracts: number, suspect?: number): string;
  totalAmountFigure(totals: Totals): { label: string; value: string; basis: string };
}

let lookup: Lookup;
beforeAll(async () => {
  const path = fileURLToPath(new URL("../../client/src/components/lookup.js", import.meta.url));
  lookup = (await import(pathToFileURL(path).href)) as Lookup;
});

/** French number formats use narrow and plain no-break spaces: compared as spaces. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, " ");

const totals = (contracts: number, usable: number, suspect: number): Totals => ({
  contracts,
  amount: usable > 0 ? 17948678.49 : null,
  amount_contracts: usable,
  suspect_amounts: suspect,
});

describe("a buyer's total amount", () => {
  it("says suspect amounts as left out, not as unknown", () => {
    const figure = lookup.totalAmountFigure(totals(194, 179, 15));
    expect(figure.label).toBe("Montant total");
    expect(plain(figure.value)).toBe("17,9 M€");
    expect(figure.basis).toBe("N = 179 marchés sur 194, hors 15 montants jugés suspects");
  });

  it("tells suspect amounts from contracts published without one", () => {
    const basis = (usable: number, suspect: number) =>
      plain(lookup.totalAmountFigure(totals(1029, usable, suspect)).basis);
    expect(basis(1010, 3)).toBe(
      "N = 1 010 marchés sur 1 029, hors 3 montants jugés suspects et 16 marchés sans montant publié",
    );
    expect(basis(1013, 0)).toBe("N = 1 013 marchés sur 1 029, hors 16 marchés sans montant publié");
    expect(basis(1027, 1)).toBe(
      "N = 1 027 marchés sur 1 029, hors 1 montant jugé suspect et 1 marché sans montant publié",
    );
    expect(basis(1029, 0)).toBe("N = 1 029 marchés, tous au montant connu");
  });

  it("says no amount as unknown", () => {
    const figure = lookup.totalAmountFigure(totals(3, 0, 3));
    expect(figure.value).toBe("—");
    expect(figure.basis).toBe("N = 0 marché sur 3, hors 3 montants jugés suspects");
  });
});
