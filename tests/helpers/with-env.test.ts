// withEnv puts process.env back as it was, whether the call succeeds or throws.
import { describe, expect, it } from "vitest";
import { withEnv } from "./with-env.ts";

const SET = "OBSERVATORY_TEST_WITH_ENV_SET";
const UNSET = "OBSERVATORY_TEST_WITH_ENV_UNSET";

describe("withEnv", () => {
  it("sets the variables for the call only: a previous value comes back, an unset one is unset", async () => {
    process.env[SET] = "before";
    try {
      const seen = await withEnv({ [SET]: "during", [UNSET]: "during" }, async () => [
        process.env[SET],
        process.env[UNSET],
      ]);
      expect(seen).toEqual(["during", "during"]);
      expect(process.env[SET]).toBe("before");
      expect(UNSET in process.env).toBe(false);
    } finally {
      delete process.env[SET];
    }
  });

  it("restores them when the call throws, and passes the error on", async () => {
    await expect(
      withEnv({ [UNSET]: "during" }, async () => {
        throw new Error("failed inside");
      }),
    ).rejects.toThrow("failed inside");
    expect(UNSET in process.env).toBe(false);
  });
});
