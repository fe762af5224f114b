// The values the run behind the current data repaired, nulled or flagged, grouped by field and
// problem, each group browsable down to the original value of each record.
import { h } from "../dom.js";
import { plural, formatInteger } from "../format.js";
import { ACTIONS, problemLabel } from "../quality-labels.js";
import { browsePanel } from "./browse-panel.js";
import { position, table } from "./quality-table.js";

/** @param {import("./browse-panel.js").ApiRow[]} rows */
function issueRows(rows) {
  return table(
    "Valeurs concernées",
    ["Fichier", "Enregistrement", "Identifiant du marché", "Champ", "Valeur d'origine"],
    rows.map((r) =>
      h(
        "tr",
        {},
        h("th", { scope: "row", class: "source-name" }, String(r.source)),
        h("td", {}, position(r.position)),
        h("td", {}, r.uid === null ? "—" : String(r.uid)),
        h("td", {}, h("code", {}, String(r.field))),
        h(
          "td",
          {},
          r.raw_value === null ? "(vide)" : h("code", { class: "raw-value" }, String(r.raw_value)),
        ),
      ),
    ),
  );
}

/** @param {import("./quality-table.js").Counts} issues */
export function issuesSection(issues) {
  const panel = browsePanel();
  const groups = issues.groups.map((group) => {
    const [field, problem, action] = [
      String(group.field),
      String(group.problem),
      String(group.action),
    ];
    const label = `${field} — ${problemLabel(problem)}`;
    const browse = h("button", { type: "button" }, "Exemples");
    browse.addEventListener(
      "click",
      () =>
        void panel.open({
          endpoint: "/api/field-issues",
          filters: { field, problem, action },
          title: `Valeur ${ACTIONS[action] ?? action} : ${label}`,
          render: issueRows,
        }),
    );
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, h("code", {}, field)),
      h("td", { title: problem }, problemLabel(problem)),
      h("td", {}, ACTIONS[action] ?? action),
      h("td", { class: "num" }, formatInteger(group.count)),
      h("td", {}, browse),
    );
  });
  return h(
    "section",
    { class: "quality", "aria-labelledby": "valeurs" },
    h("h2", { id: "valeurs" }, "Valeurs corrigées, vidées ou signalées"),
    h(
      "p",
      {},
      "Dans les enregistrements chargés, une valeur est corrigée quand la correction est sûre (une date écrite jj/mm/aaaa), vidée quand elle est impossible (une date en l'an 3000) et signalée quand elle est douteuse mais gardée. La valeur d'origine est toujours conservée.",
    ),
    issues.total > 0
      ? [
          table(
            `${plural(issues.total, "valeur traitée", "valeurs traitées")}, par champ et par problème (les positions dans les listes sont regroupées : titulaires[])`,
            ["Champ", "Problème", "Traitement", "Nombre", "Détail"],
            groups,
            "with-actions",
          ),
          panel.element,
        ]
      : null,
  );
}
