// Screenshots of the pages the browser tests visit, to look at (tests/output/screenshots/). No
// test asserts on them, and a full page is a tall image that costs Chromium about half a second
// to paint and encode: they are taken only when asked, with OBSERVATORY_SCREENSHOTS=1.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";

export const SCREENSHOTS_DIR = fileURLToPath(new URL("../../output/screenshots/", import.meta.url));

const WANTED = process.env.OBSERVATORY_SCREENSHOTS === "1";

/**
 * Saves `target` (a page, whole when `fullPage`, or one element) as `name`.png when screenshots
 * are asked for; does nothing otherwise.
 */
export async function keepScreenshot(
  target: Page | Locator,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  if (!WANTED) return;
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  if ("goto" in target) await target.screenshot({ path, fullPage: options.fullPage ?? false });
  else await target.screenshot({ path });
}
