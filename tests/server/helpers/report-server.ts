// The one real server the report tests read, started for a test file with the buyers and years
// they look at: written once here, where three files each started it and chose their cases.
import { afterAll, beforeAll } from "vitest";
import { pageText, reportCases, smallBuyerCase, type ReportCase } from "./report-page.ts";
import { startTestServer, type TestServer } from "./test-server.ts";

export interface ReportServer {
  /** The server (started before the file's tests). */
  readonly t: TestServer;
  /** Buyer and year with most contracts, and with most in the 2024 format; first, when asked,
   * the buyer with two contracts (smallBuyerCase). */
  readonly cases: ReportCase[];
  /** The report page at `path`, its no-break spaces plain (pageText). */
  text(path: string): Promise<string>;
}

/** Starts the server before the file's tests and closes it after them. */
export function useReportServer(options: { withSmallBuyer?: boolean } = {}): ReportServer {
  let server: TestServer | undefined;
  let cases: ReportCase[] = [];
  beforeAll(async () => {
    server = await startTestServer();
    const small = options.withSmallBuyer ? [await smallBuyerCase(server)] : [];
    cases = [...small, ...(await reportCases(server))];
  }, 120_000);
  afterAll(async () => server?.close());
  const started = () => {
    if (!server) throw new Error("the report server starts before the tests (beforeAll)");
    return server;
  };
  return {
    get t() {
      return started();
    },
    get cases() {
      return cases;
    },
    text: (path) => pageText(started(), path),
  };
}
