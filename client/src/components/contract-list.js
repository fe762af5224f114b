// A buyer's contracts, most recent first, fifty at a time.
import { getJson } from "../api.js";
import { h, replace } from "../dom.js";
import { formatContractAmount, formatDate } from "../format.js";
import { lookupTable } from "./lookup.js";
import { publishedText } from "../shared/published-text.js";

/**
 * @param {HTMLElement} container
 * @param {string} siret
 * @param {number} offset
 */
export async function showContracts(container, siret, offset) {
  const limit = 50;
  /** @type {import("../types.js").BuyerContracts} */
  const page = await getJson(
    `/api/buyers/${encodeURIComponent(siret)}/contracts`,
    new URLSearchParams({ offset: String(offset), limit: String(limit) }),
  );
  const more = offset + limit < page.total;
  replace(
    container,
    lookupTable(
      `Marchés ${offset + 1} à ${Math.min(offset + limit, page.total)} sur ${page.total}, du plus récent au plus ancien`,
      [
        {
          label: "Objet",
          cell: (r) =>
            h(
              "a",
              { href: `/marche/${encodeURIComponent(r.uid)}`, class: "published-text" },
              r.objet === null ? r.id : publishedText(r.objet),
            ),
        },
        { label: "Notifié le", cell: (r) => formatDate(r.date_notification) },
        { label: "Procédure", cell: (r) => r.procedure_label ?? "—" },
        {
          label: "Montant",
          cell: (r) => formatContractAmount(r.montant, r.montant_suspect),
          numeric: true,
        },
      ],
      page.contracts,
    ),
    h(
      "p",
      { class: "pager" },
      offset > 0
        ? h(
            "button",
            {
              type: "button",
              class: "secondary",
              onclick: () => void showContracts(container, siret, Math.max(0, offset - limit)),
            },
            "Marchés précédents",
          )
        : null,
      more
        ? h(
            "button",
            {
              type: "button",
              class: "secondary",
              onclick: () => void showContracts(container, siret, offset + limit),
            },
            "Marchés suivants",
          )
        : null,
    ),
  );
}
