// poppler's pdftoppm and pdftotext, which look at the annual report's PDF page by page. A machine
// may have Chromium without them: the test that needs them is then skipped with one loud line (a
// new user's `npm test` still passes), unless OBSERVATORY_REQUIRE_PDF_TOOLS=1 (.ci/run), where
// it runs and fails on the missing program.
import { it } from "vitest";
import { onPath } from "../../helpers/on-path.ts";

const HAS_PDFTOPPM = onPath("pdftoppm") !== undefined && onPath("pdftotext") !== undefined;

/** Set by .ci/run: there, missing PDF tools are a failure, never a skip. */
const REQUIRED = process.env.OBSERVATORY_REQUIRE_PDF_TOOLS === "1";

/** `it` for a test that reads a PDF with pdftoppm and pdftotext. */
export function itWithPdfTools(name: string, body: () => Promise<void>): void {
  if (HAS_PDFTOPPM || REQUIRED) {
    it(name, body);
    return;
  }
  console.warn(
    `SKIPPED (no pdftoppm): "${name}" needs poppler's pdftoppm and pdftotext. ` +
      "Install them with `apt-get install -y poppler-utils`; .ci/run makes this test mandatory.",
  );
  it.skip(name, body);
}
