// axe-core, the accessibility checker, run inside the page. Its source is evaluated through the
// DevTools protocol, not added as a <script>: the page's CSP forbids inline scripts, rightly.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

const AXE = fileURLToPath(new URL("../../../node_modules/axe-core/axe.min.js", import.meta.url));
let source: string | null = null;

/** Each violation of the page as one line: impact, rule, how many elements, the first ones. */
export async function axeViolations(page: Page): Promise<string[]> {
  source ??= readFileSync(AXE, "utf8");
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: AxeRunner }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map(
      (v) =>
        `${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
  });
}

/** The part of axe's API used here. */
interface AxeRunner {
  run(
    context: Document,
    options: { resultTypes: string[] },
  ): Promise<{
    violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  }>;
}
