// The report as PDF, printed by a headless Chromium on the server (Debian's package, driven by
// playwright-core; never a downloaded browser). Found where the tests find it: CHROMIUM_PATH,
// else Debian's headless shell, else its full browser. Without either, a 503 naming what to
// install: HTML and DOCX need no browser.
// The page is loaded from memory with every network request refused, and the print is bounded
// in time. playwright-core is imported on the first PDF only: loaded at start it was about 28 MB
// of the server's 71 MB live heap, which every full garbage collection marks again (the hostile
// load's longest pauses of the main thread).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApiError } from "../errors.ts";

/**
 * Chromium's headless shell (package chromium-headless-shell: the same engine without the
 * browser's window code, what playwright itself drives headless) when it is installed, else the
 * full browser. Both print and render the same pages; the shell starts and runs lighter: the
 * browser tests took 211 CPU-s under it against 247 under the full browser, 114 s wall against
 * 131 s, and a report's PDF about 4.3 s against 5.4 s (measured on 5 December 2026).
 */
const CHROMIUM_CANDIDATES = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"] as const;

export const chromiumPath = (): string =>
  process.env.CHROMIUM_PATH ??
  CHROMIUM_CANDIDATES.find((path) => existsSync(path)) ??
  CHROMIUM_CANDIDATES[CHROMIUM_CANDIDATES.length - 1];

/** A headless browser that calls nowhere by itself (the browser tests launch it the same way). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const PDF_TIMEOUT_MS = 90_000;

export function pdfUnavailable(path: string): ApiError {
  return new ApiError(503, [
    {
      code: "pdf_unavailable",
      param: "format",
      message: `Le PDF est imprimé par Chromium sur le serveur, et aucun n'a été trouvé à ${path} : installez-le (Debian/Ubuntu : apt-get install -y chromium-headless-shell, ou chromium) ou indiquez son exécutable dans CHROMIUM_PATH ; format=html et format=docx fonctionnent sans lui`,
    },
  ]);
}

export async function htmlToPdf(page: string): Promise<Buffer> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) throw pdfUnavailable(executablePath);
  const dir = mkdtempSync(join(tmpdir(), "observatory-report-pdf-"));
  const profile = join(dir, "profile");
  mkdirSync(profile);
  const { chromium } = await import("playwright-core");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: CHROMIUM_ARGS,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(dir, "config"),
      XDG_CACHE_HOME: join(dir, "cache"),
    },
    timeout: PDF_TIMEOUT_MS,
  });
  try {
    const tab = context.pages()[0] ?? (await context.newPage());
    // Self-contained page: nothing may be fetched (data: URLs are not requests).
    await tab.route("**/*", (route) => route.abort());
    await tab.setContent(page, { waitUntil: "load", timeout: PDF_TIMEOUT_MS });
    return await tab.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
