// poppler's pdftoppm and pdftotext, which look at the annual report's PDF page by page. A machine
// may have Chromium without them: the test that needs them is then skipped with one loud line (a
// new user's `npm test` still passes), unless OBSERVATORY_REQUIRE_PDF_TOOLS=1 (.ci/run), where
// it runs and fails on the missing program.
import { it } from "vitest";
import { onPath } from "../../helpers/on-path.ts";
import { runsHere, type OptionalTool } from "../../helpers/optional-tool.ts";

const PDF_TOOLS: OptionalTool = {
  present: onPath("pdftoppm") !== undefined && onPath("pdftotext") !== undefined,
  requiredBy: "OBSERVATORY_REQUIRE_PDF_TOOLS",
  missing:
    "needs poppler's pdftoppm and pdftotext: install them with `apt-get install -y poppler-utils`",
};

/** `it` for a test that reads a PDF with pdftoppm and pdftotext. */
export function itWithPdfTools(name: string, body: () => Promise<void>): void {
  (runsHere(PDF_TOOLS, name) ? it : it.skip)(name, body);
}
