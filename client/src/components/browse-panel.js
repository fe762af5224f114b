// A paged list of rows from a data-quality endpoint (/api/rejects, /api/field-issues), opened
// for one group at a time: a heading naming the group, « lignes 1 à 20 sur 61 », the rows, and
// previous / next buttons. Focus goes to the heading so keyboard and screen-reader users follow.
import { getJson } from "../api.js";
import { h, replace } from "../dom.js";
import { formatInteger } from "../format.js";

export const PAGE_SIZE = 20;

/**
 * @typedef {Record<string, string | number | boolean | null>} ApiRow
 * @typedef {{ endpoint: string, filters: Record<string, string>, title: string,
 *   render: (rows: ApiRow[], offset: number) => Node }} Browse
 */

/** An empty panel; `open` fills it with the first page of a group. */
export function browsePanel() {
  const panel = h("section", { class: "browse-panel", hidden: true, "aria-live": "polite" });
  let ticket = 0;

  /** @param {Browse} browse @param {number} offset */
  async function show(browse, offset) {
    const mine = ++ticket;
    panel.hidden = false;
    panel.setAttribute("aria-busy", "true");
    const params = new URLSearchParams({
      ...browse.filters,
      limit: String(PAGE_SIZE),
      offset: String(offset),
    });
    const heading = h("h3", { tabindex: "-1" }, browse.title);
    try {
      const page = await getJson(browse.endpoint, params);
      if (mine !== ticket) return; // a later click won
      const rows = /** @type {ApiRow[]} */ (page.rows);
      const total = Number(page.total);
      const last = Math.min(offset + rows.length, total);
      const pager = h(
        "p",
        { class: "pager" },
        h(
          "button",
          {
            type: "button",
            disabled: offset === 0,
            onclick: () => void show(browse, Math.max(0, offset - PAGE_SIZE)),
          },
          "← Précédents",
        ),
        " ",
        h(
          "button",
          {
            type: "button",
            disabled: last >= total,
            onclick: () => void show(browse, offset + PAGE_SIZE),
          },
          "Suivants →",
        ),
      );
      replace(
        panel,
        heading,
        h(
          "p",
          { class: "note" },
          total === 0
            ? "Aucune ligne."
            : `Lignes ${formatInteger(offset + 1)} à ${formatInteger(last)} sur ${formatInteger(total)}.`,
        ),
        browse.render(rows, offset),
        total > PAGE_SIZE ? pager : null,
      );
    } catch (error) {
      if (mine !== ticket) return;
      replace(
        panel,
        heading,
        h("p", { class: "error" }, error instanceof Error ? error.message : String(error)),
      );
    }
    panel.removeAttribute("aria-busy");
    heading.focus();
  }

  return {
    element: panel,
    /** @param {Browse} browse */
    open: (browse) => show(browse, 0),
  };
}
