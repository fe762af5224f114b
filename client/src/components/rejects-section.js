// The records the run behind the current data rejected, grouped by reason, each group browsable
// down to the raw record as read from its file (a record cut in the list is fetched whole).
import { getJson } from "../api.js";
import { h, replace } from "../dom.js";
import { formatInteger, plural } from "../format.js";
import { KINDS, reasonLabel } from "../quality-labels.js";
import { browsePanel } from "./browse-panel.js";
import { position, table } from "./quality-table.js";

/** @typedef {import("./browse-panel.js").ApiRow} ApiRow */

/** JSON is shown indented; anything else (XML) as it was read. @param {string} raw */
function readable(raw) {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

/** One rejected record; its text is filled when first opened (the whole record if cut). */
function rejectItem(/** @type {ApiRow} */ row) {
  const pre = h("pre", { class: "raw-record" });
  const item = /** @type {HTMLDetailsElement} */ (
    h(
      "details",
      { class: "reject" },
      h(
        "summary",
        {},
        `${row.source}, ${position(row.position)}`,
        row.kind ? ` (${KINDS[String(row.kind)] ?? row.kind})` : "",
      ),
      pre,
    )
  );
  item.addEventListener("toggle", async () => {
    if (!item.open || pre.textContent) return;
    let raw = String(row.raw);
    if (row.raw_truncated) {
      pre.textContent = "Chargement de l'enregistrement complet…";
      const params = new URLSearchParams({
        source: String(row.source),
        position: String(row.position),
      });
      const whole = await getJson("/api/rejects/record", params).catch(() => null);
      const record = /** @type {{ raw?: string } | undefined} */ (whole?.record);
      raw =
        record?.raw ??
        `${raw}\n… (enregistrement tronqué : le texte complet n'a pas pu être chargé)`;
    }
    replace(pre, readable(raw));
  });
  return h("li", {}, item);
}

/** @param {import("./quality-table.js").Counts} rejects */
export function rejectsSection(rejects) {
  const panel = browsePanel();
  const groups = rejects.groups.map((group) => {
    const reason = String(group.reason);
    const label = reasonLabel(reason);
    const browse = h("button", { type: "button" }, "Parcourir");
    browse.addEventListener(
      "click",
      () =>
        void panel.open({
          endpoint: "/api/rejects",
          filters: { reason },
          title: `Enregistrements écartés : ${label}`,
          render: (rows, offset) =>
            h("ol", { class: "reject-list", start: offset + 1 }, rows.map(rejectItem)),
        }),
    );
    return h(
      "tr",
      { "data-testid": "reject-group" },
      h("th", { scope: "row", title: reason }, label),
      h("td", { class: "num" }, formatInteger(group.count)),
      h("td", {}, browse),
    );
  });
  const bySource = rejects.by_source.map((s) =>
    h(
      "tr",
      {},
      h("th", { scope: "row", class: "source-name" }, s.source),
      h("td", { class: "num" }, formatInteger(s.count)),
    ),
  );
  return h(
    "section",
    { class: "quality", "aria-labelledby": "rejets" },
    h("h2", { id: "rejets" }, "Enregistrements écartés"),
    h(
      "p",
      {},
      rejects.total === 0
        ? "La mise à jour qui a produit les données actuelles n'a écarté aucun enregistrement."
        : `La mise à jour qui a produit les données actuelles a écarté ${plural(rejects.total, "enregistrement", "enregistrements")} : ils ne peuvent pas être comptés comme un marché (pas d'identifiant, pas d'acheteur, texte illisible…). Ils sont gardés tels qu'ils ont été lus, avec la raison.`,
    ),
    rejects.total > 0
      ? [
          table(
            `${plural(rejects.total, "enregistrement écarté", "enregistrements écartés")}, par raison`,
            ["Raison", "Nombre", "Détail"],
            groups,
            "with-actions",
          ),
          panel.element,
          table("Enregistrements écartés, par fichier", ["Fichier ou adresse", "Nombre"], bySource),
        ]
      : null,
  );
}
