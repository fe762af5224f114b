// Download links under a chart: the same result from the API in four formats (no row cap), and
// a CSV of exactly the table shown on screen.
import { exportUrl } from "../api.js";
import { h } from "../dom.js";
import { tableCsv } from "../table-csv.js";

const FORMATS = [
  { format: "csv_excel", label: "CSV pour Excel" },
  { format: "xlsx", label: "Classeur Excel (XLSX)" },
  { format: "csv", label: "CSV standard" },
  { format: "parquet", label: "Parquet" },
];

/**
 * @param {{ id: string, params: URLSearchParams, model: import("../table.js").TableModel, name: string }} options
 */
export function exportLinks({ id, params, model, name }) {
  const onScreen = h(
    "button",
    {
      type: "button",
      class: "link-button",
      onclick: () => {
        const blob = new Blob([tableCsv(model)], { type: "text/csv;charset=utf-8" });
        const url = URL.createObjectURL(blob);
        const a = h("a", { href: url, download: `${name}-tableau.csv` });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      },
    },
    "Ce tableau (CSV)",
  );
  return h(
    "div",
    { class: "exports" },
    h("span", { class: "exports__label" }, "Télécharger : "),
    h(
      "ul",
      {},
      FORMATS.map((f) =>
        h(
          "li",
          {},
          h(
            "a",
            { href: exportUrl(id, params, f.format), download: "", "data-format": f.format },
            f.label,
          ),
        ),
      ),
      h("li", {}, onScreen),
    ),
  );
}
