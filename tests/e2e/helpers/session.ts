// The set-up a browser test file needs: the real server on the samples and one Chromium, opened
// before its tests and closed after, with each test failing on a console error it left behind.
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import {
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from "../../server/helpers/test-server.ts";
import { launchBrowser, type Browser } from "./browser.ts";

export interface BrowserSession {
  readonly t: TestServer;
  readonly browser: Browser;
}

/**
 * Call inside `describeWithBrowser`; read `t` and `browser` inside the tests. `server`: the
 * server's own options (its limits…), the shipped samples' snapshot always.
 */
export function browserSession(server: Omit<TestServerOptions, "inputs"> = {}): BrowserSession {
  let started: TestServer | undefined;
  let chromium: Browser | undefined;
  beforeAll(async () => {
    [started, chromium] = await Promise.all([startTestServer(server), launchBrowser()]);
  });
  afterAll(async () => {
    await chromium?.close();
    await started?.close();
  });
  afterEach(() => {
    expect(chromium?.takeErrors()).toEqual([]);
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the browser session is not open yet");
    return value;
  };
  return {
    get t() {
      return opened(started);
    },
    get browser() {
      return opened(chromium);
    },
  };
}
