// The hostile-load step alone (npm run bench -- --file FILE --only-hostile): the ETL of the file
// into a database of its own, then 50 heavy uncached requests while /api/health is probed
// (steps/hostile-load.ts), checked against the targets. Re-measuring the server's
// behaviour under load should not wait for the half hour of the whole benchmark; its section of
// bench/results.md is written between two markers, the rest of the file left as is.
import { withOwnSnapshot } from "./steps/own-snapshot.ts";
import { measureHostileLoad, type HostileLoad } from "./steps/hostile-load.ts";
import { hostileLines } from "./steps/report.ts";
import { writeMeasuredSection } from "./steps/section.ts";

const MARKERS = {
  begin: "<!-- hostile: written by npm run bench -- --only-hostile -->",
  end: "<!-- /hostile -->",
};

/** The targets for the hostile load, met or missed. */
export function hostileTargets(h: HostileLoad): string[] {
  const flag = (pass: boolean) => (pass ? "met" : "**missed**");
  const rss = h.peak_rss_mb;
  return [
    "| target | measured | status |",
    "|---|---|---|",
    `| health p99 ≤ 200 ms | ${h.health.p99_ms} ms | ${flag(h.health.p99_ms <= 200)} |`,
    `| no failed health probe | ${h.health.failed} / ${h.health.probes} | ${flag(h.health.failed === 0)} |`,
    `| server peak RSS ≤ 1.5 GB | ${rss ?? "—"} MB | ${flag(rss !== null && rss <= 1536)} |`,
    `| 0 5xx but 503 with Retry-After | ${h.status["other 5xx"]} | ${flag(h.status["other 5xx"] === 0)} |`,
    `| idle within 5 s of the load stopping | ${h.idle_after_ms ?? "—"} ms | ${flag(h.idle_after_ms !== null && h.idle_after_ms <= 5000)} |`,
  ];
}

export function benchHostile(
  file: string,
  seconds: number,
  resultsMd: string,
  say: (line: string) => void,
): Promise<string> {
  return withOwnSnapshot(file, "hostile", say, async ({ db, measuredLine }) => {
    say("hostile load: heavy uncached requests while health is probed…");
    const hostile = await measureHostileLoad(db, seconds, say);
    return writeMeasuredSection(
      resultsMd,
      MARKERS,
      "Hostile load alone (answer cache off)",
      measuredLine(`npm run bench -- --file ${file} --only-hostile`),
      [...hostileLines(hostile), "", ...hostileTargets(hostile)],
    );
  });
}
