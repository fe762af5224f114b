// Search results grouped by company (SIREN): the company's name and SIREN, then its
// establishments (SIRETs) listed under it, each a link to its page, so one company's sites are
// read together. A group without a SIREN is an identifier that is not a SIRET (foreign firm…).
// No company at all: the sentence `none`, said plainly.
import { h } from "../dom.js";
import { plural } from "../format.js";
import { displayName } from "./lookup.js";

/**
 * @template {{ nom: string | null, contracts: number }} T
 * @param {{
 *   label: string,
 *   kind: string,
 *   companies: { siren: string | null, nom: string | null, contracts: number, establishments: string[] }[],
 *   rows: T[],
 *   idOf: (row: T) => string,
 *   href: (id: string) => string,
 *   extra?: (row: T) => string,
 *   none: string,
 * }} options  kind: "Acheteur" or "Entreprise", for a party without a name
 */
export function companyList({ label, kind, companies, rows, idOf, href, extra, none }) {
  if (companies.length === 0) return h("p", { class: "no-result" }, none);
  const byId = new Map(rows.map((row) => [idOf(row), row]));
  return h(
    "ul",
    { class: "company-list", "aria-label": label },
    companies.map((company) => {
      const first = company.establishments[0] ?? "";
      const name = displayName(company.nom, company.siren ?? first, kind);
      const id = company.siren ? `SIREN ${company.siren}` : "identifiant hors SIRET";
      return h(
        "li",
        { class: "company" },
        h(
          "p",
          { class: "company__name" },
          h("strong", {}, name),
          ` — ${id}, ${plural(company.contracts, "marché", "marchés")}`,
        ),
        h(
          "ul",
          { class: "company__establishments" },
          company.establishments.map((establishment) => {
            const row = byId.get(establishment);
            const more = row && extra ? `, ${extra(row)}` : "";
            return h(
              "li",
              {},
              h("a", { href: href(establishment) }, displayName(row?.nom, establishment, kind)),
              ` — ${company.siren ? "SIRET " : ""}${establishment} : `,
              `${plural(row?.contracts ?? 0, "marché", "marchés")}${more}`,
            );
          }),
        ),
      );
    }),
  );
}
