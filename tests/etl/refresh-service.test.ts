// The scheduled refresh: an invalid schedule fails with a message naming it, and ticks never start
// a second run while one is going (refresh-service.process.test.ts runs a real one in a child).
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../etl/refresh/config.ts";
import { checkSchedule, RefreshService, type RefreshOutcome } from "../../etl/refresh/service.ts";

const ONE_FILE = [{ id: "samples", path: "tests/fixtures/decp/official-v1.5-example-paquet.json" }];
const config = (schedule: object) =>
  parseConfig(JSON.stringify({ schedule, sources: ONE_FILE }), "observatory.config.json");

describe("the schedule", () => {
  it("rejects an invalid cron expression, naming it and the file", () => {
    expect(() => checkSchedule(config({ cron: "61 25 * * *" }), "observatory.config.json")).toThrow(
      /observatory\.config\.json: invalid configuration[\s\S]*schedule\.cron: invalid cron expression "61 25 \* \* \*"/,
    );
  });

  it("rejects an unknown time zone", () => {
    expect(() =>
      checkSchedule(config({ cron: "0 6 * * *", timezone: "Europe/Lutece" }), "x.json"),
    ).toThrow(/unknown time zone "Europe\/Lutece"/);
  });

  it("accepts the default schedule and shows the next run at 6 h in Europe/Paris", async () => {
    const valid = config({ cron: "0 6 * * *" });
    expect(() => checkSchedule(valid, "x.json")).not.toThrow();
    const service = new RefreshService(valid, async () => ({ status: "ok" }));
    service.start();
    const next = service.status().schedule?.next_run;
    await service.stop();
    expect(next).toBeTruthy();
    const hour = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", hour: "numeric" });
    expect(hour.format(new Date(String(next)))).toMatch(/^0?6/);
  });

  it("never starts a second run while one is going, whatever the ticks", async () => {
    let calls = 0;
    const slow = async (): Promise<RefreshOutcome> => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 2500));
      return { status: "ok" };
    };
    const service = new RefreshService(config({ cron: "* * * * * *" }), slow); // every second
    service.start();
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const manual = service.trigger("api");
    expect(manual.started).toBe(false);
    expect(service.status().running).toBe(true);
    await service.stop();
    expect(calls).toBe(1);
  });
});
