// Debian's Chromium driven by playwright-core (never a downloaded browser), with a fresh profile
// and every console error, page error and CSP violation recorded, so a test can assert there was
// none.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { describe } from "vitest";
import { CHROMIUM_ARGS, chromiumPath } from "../../../server/report/pdf.ts";

export const CHROMIUM = chromiumPath();

/** Set by .ci/run: there, a missing browser is a failure, never a skip. */
const REQUIRED = process.env.OBSERVATORY_REQUIRE_BROWSER === "1";

/**
 * `describe` for the browser tests. Without Chromium they are skipped with one loud line (a new
 * user's `npm test` still passes), unless OBSERVATORY_REQUIRE_BROWSER=1 (CI), where they run and
 * fail on the missing browser.
 */
export function describeWithBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM) || REQUIRED) {
    describe(name, body);
    return;
  }
  console.warn(
    `SKIPPED (no browser): "${name}" needs Chromium at ${CHROMIUM}. ` +
      "Install it with `apt-get install -y chromium` or set CHROMIUM_PATH; .ci/run makes these tests mandatory.",
  );
  describe.skip(name, body);
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed requests since the last `takeErrors`. */
  takeErrors(): string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), "observatory-chromium-"));
  const profile = join(dir, "profile");
  mkdirSync(profile);
  process.env.XDG_CONFIG_HOME = join(dir, "config");
  process.env.XDG_CACHE_HOME = join(dir, "cache");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    acceptDownloads: true,
  });
  // A script or style the Content-Security-Policy blocks is an error like any other.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page: ${error.message}`));
  page.on("requestfailed", (request) => {
    // A download handed to the browser's download manager is reported as "aborted".
    if (request.failure()?.errorText !== "net::ERR_ABORTED") {
      errors.push(`request: ${request.url()} ${request.failure()?.errorText}`);
    }
  });
  return {
    context,
    page,
    takeErrors() {
      const taken = errors;
      errors = [];
      return taken;
    },
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the page's view finished rendering (the client sets data-ready on <main>). */
export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector("main")?.dataset.ready === "true", null, {
    timeout: 45_000,
  });
}

/** Number of drawn marks (bars, lines, points, shapes) in the SVG charts under a selector. */
export function countMarks(page: Page, selector: string): Promise<number> {
  return page
    .locator(
      `${selector} svg .mark-rect path, ${selector} svg .mark-line path, ${selector} svg .mark-symbol path, ${selector} svg .mark-shape path`,
    )
    .count();
}
