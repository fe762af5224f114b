// The tests' fixed "today": date checks give the same answer every day. The ETL reads dates by
// day, so the server's clock (TEST_NOW) and the ETL's today fall on the same day.

/** "Today" of the ETL in tests. */
export const TEST_TODAY = new Date("2026-11-28T00:00:00Z");

/** "Now" of the server in tests: same day as TEST_TODAY. */
export const TEST_NOW = new Date("2026-11-28T10:00:00Z");
