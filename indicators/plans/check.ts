// Checks a SPASER file that has the right shape against the indicator catalogue: every indicator
// exists and appears once, trajectory years increase inside the plan's period, a share's target
// lies between 0 and 1, and a scope is a request the indicator accepts. Every problem is reported
// with its dotted path; nothing stops at the first one.
import { IndicatorError, type Issue } from "../compiler/errors.ts";
import type { IndicatorDefinition } from "../compiler/load.ts";
import type { Model } from "../compiler/model.ts";
import { parseFilter } from "../compiler/parse-request.ts";
import { validateRequest } from "../compiler/request.ts";
import type { SpaserFile } from "./schema.ts";

export function checkPlan(
  plan: SpaserFile,
  definitions: readonly IndicatorDefinition[],
  model: Model,
  file: string,
  expectedId: string,
): Issue[] {
  const issues: Issue[] = [];
  const report = (path: string, message: string) =>
    issues.push({ code: "invalid_spaser", file, path, message });

  if (plan.id !== expectedId)
    report("id", `id "${plan.id}" must equal the file name "${expectedId}"`);
  const { from, to } = plan.period;
  if (to !== null && from > to)
    report("period.to", `the period ends (${to}) before it starts (${from})`);
  if (plan.kind === "buyer") {
    const seen = new Set<string>();
    plan.buyers.forEach((buyer, i) => {
      if (seen.has(buyer.id)) report(`buyers.${i}.id`, `buyer ${buyer.id} is listed twice`);
      seen.add(buyer.id);
    });
  }
  const indicators = new Set<string>();
  plan.targets.forEach((target, t) => {
    const at = `targets.${t}`;
    if (indicators.has(target.indicator))
      report(`${at}.indicator`, `indicator "${target.indicator}" has two targets`);
    indicators.add(target.indicator);
    const definition = definitions.find((d) => d.id === target.indicator);
    if (!definition) report(`${at}.indicator`, `unknown indicator "${target.indicator}"`);
    let previous = -Infinity;
    target.trajectory.forEach((step, s) => {
      if (step.year <= previous)
        report(
          `${at}.trajectory.${s}.year`,
          `years must increase (${step.year} after ${previous})`,
        );
      if (step.year < from || (to !== null && step.year > to))
        report(
          `${at}.trajectory.${s}.year`,
          `${step.year} is outside the period ${from}–${to ?? ""}`,
        );
      if (definition?.format === "percent" && (step.value < 0 || step.value > 1))
        report(`${at}.trajectory.${s}.value`, "a share is between 0 and 1 (0.3 for 30 %)");
      previous = step.year;
    });
    if (!definition) return;
    (target.scope ?? []).forEach((text, f) => {
      const filter = parseFilter(text);
      if (typeof filter === "string") return report(`${at}.scope.${f}`, filter);
      try {
        validateRequest(definition, model, { filters: [filter] });
      } catch (error) {
        if (!(error instanceof IndicatorError)) throw error;
        for (const issue of error.issues) report(`${at}.scope.${f}`, issue.message);
      }
    });
  });
  return issues;
}
