// Download links under a chart: the same result from the API in four formats (no row cap), and
// a CSV of exactly the table shown on screen. Each file is named after what it holds, by the
// same function as the server's Content-Disposition (shared/download-name.js).
import { exportUrl } from "../api.js";
import { h } from "../dom.js";
import { downloadName } from "../shared/download-name.js";
import { tableCsv } from "../table-csv.js";

const FORMATS = [
  { format: "csv_excel", label: "CSV pour Excel" },
  { format: "xlsx", label: "Classeur Excel (XLSX)" },
  { format: "csv", label: "CSV standard" },
  { format: "parquet", label: "Parquet" },
];

/**
 * @param {{ id: string, params: URLSearchParams, model: import("../table.js").TableModel }} options
 *   params: the API request of the chart (by, filters)
 */
export function exportLinks({ id, params, model }) {
  const onScreen = h(
    "button",
    {
      type: "button",
      class: "link-button",
      "data-format": "table",
      onclick: () => {
        const blob = new Blob([tableCsv(model)], { type: "text/csv;charset=utf-8" });
        const url = URL.createObjectURL(blob);
        const a = h("a", { href: url, download: downloadName(id, params, "table") });
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
            {
              href: exportUrl(id, params, f.format),
              download: downloadName(id, params, f.format),
              "data-format": f.format,
            },
            f.label,
          ),
        ),
      ),
      h("li", {}, onScreen),
    ),
  );
}
