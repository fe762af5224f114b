// Debian's Chromium driven by playwright-core (never a downloaded browser), a fresh context per
// test file, and every console error, page error and CSP violation recorded, so a test can assert
// there was none.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  chromium,
  type Browser as PlaywrightBrowser,
  type BrowserContext,
  type Page,
} from "playwright-core";
import { describe } from "vitest";
import { runsHere, type OptionalTool } from "../../helpers/optional-tool.ts";
import { CHROMIUM_ARGS, chromiumPath } from "../../../server/report/pdf.ts";

export const CHROMIUM = chromiumPath();

/** Chromium's config and cache folders (git-ignored). */
const HOME = fileURLToPath(new URL("../../output/chromium/", import.meta.url));

const BROWSER: OptionalTool = {
  present: existsSync(CHROMIUM),
  requiredBy: "OBSERVATORY_REQUIRE_BROWSER",
  missing: `needs Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium-headless-shell\` (or chromium) or set CHROMIUM_PATH`,
};

/**
 * `describe` for the browser tests: skipped with one loud line without Chromium (a new user's
 * `npm test` still passes), mandatory under OBSERVATORY_REQUIRE_BROWSER=1 (CI).
 */
export function describeWithBrowser(name: string, body: () => void): void {
  (runsHere(BROWSER, name) ? describe : describe.skip)(name, body);
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed requests since the last `takeErrors`. */
  takeErrors(): string[];
  close(): Promise<void>;
}

/**
 * One Chromium per test worker, shared by the browser test files it runs one after another (the
 * workers share one module graph: vitest.config.ts, isolate: false). Each file still gets a
 * context of its own (cookies, storage, cache, downloads), and starting Chromium, a second or two
 * of CPU, is paid once per worker instead of once per file. Chromium is closed when no file has
 * used it for a while; a worker that exits first takes it down with it (playwright kills the
 * browsers it launched when its process exits).
 */
let shared: Promise<PlaywrightBrowser> | null = null;
let users = 0;
let idle: NodeJS.Timeout | undefined;
const IDLE_CLOSE_MS = 5_000;

function sharedChromium(): Promise<PlaywrightBrowser> {
  clearTimeout(idle);
  users++;
  if (!shared) mkdirSync(HOME, { recursive: true });
  shared ??= chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    // Chromium's own config and cache under tests/output/, not the user's home.
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(HOME, "config"),
      XDG_CACHE_HOME: join(HOME, "cache"),
    },
  });
  return shared;
}

function releaseChromium(): void {
  users--;
  if (users > 0) return;
  idle = setTimeout(() => {
    const closing = shared;
    shared = null;
    void closing?.then((browser) => browser.close());
  }, IDLE_CLOSE_MS);
  idle.unref();
}

export async function launchBrowser(): Promise<Browser> {
  if (!BROWSER.present) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium-headless-shell, as .ci/run does, or chromium) or set CHROMIUM_PATH`,
    );
  }
  let context: BrowserContext;
  try {
    context = await (
      await sharedChromium()
    ).newContext({
      viewport: { width: 1280, height: 900 },
      locale: "fr-FR",
      timezoneId: "Europe/Paris",
      acceptDownloads: true,
    });
  } catch (error) {
    releaseChromium();
    throw error;
  }
  // A script or style the Content-Security-Policy blocks is an error like any other.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const page = await context.newPage();
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
      releaseChromium();
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
