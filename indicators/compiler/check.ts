// Checks a definition that has the right shape against the model: every name must exist, every
// operator must suit its field's type, thresholds must agree with the polarity. Every problem is
// reported with its dotted path; nothing stops at the first one.
import type { ColumnType } from "./canonical.ts";
import { COMPARE_OPS, type ConditionInput } from "./condition-schema.ts";
import type { Issue, IssueCode } from "./errors.ts";
import { fieldCodeList, type Model } from "./model.ts";
import type { ParsedDefinition } from "./schema.ts";

type Report = (path: string, message: string, code?: IssueCode) => void;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDefinition(
  definition: ParsedDefinition,
  model: Model,
  file: string,
  expectedId: string,
): Issue[] {
  const issues: Issue[] = [];
  const report: Report = (path, message, code = "invalid_definition") =>
    issues.push({ code, file, path, message });

  if (definition.id !== expectedId) {
    report("id", `id "${definition.id}" must equal the file name "${expectedId}"`, "id_mismatch");
  }
  const field = (name: string, path: string): ColumnType | null => {
    const found = model.fields.get(name);
    if (!found) report(path, `unknown field "${name}"`, "unknown_field");
    return found?.type ?? null;
  };
  const dimension = (name: string, path: string): void => {
    if (!model.dimensions.has(name))
      report(path, `unknown dimension "${name}"`, "unknown_dimension");
  };
  const numeric = (name: string, path: string): void => {
    const type = field(name, path);
    if (type !== null && type !== "number" && type !== "integer") {
      report(path, `field "${name}" is ${type}, not numeric`, "type_mismatch");
    }
  };
  const condition = (c: ConditionInput | undefined, path: string) =>
    checkCondition(c, path, field, (name) => fieldCodeList(model, name) !== null, report);

  definition.requires_fields.forEach((name, i) => field(name, `requires_fields.${i}`));
  definition.breakdowns.forEach((name, i) => dimension(name, `breakdowns.${i}`));
  definition.filters.forEach((name, i) => dimension(name, `filters.${i}`));
  condition(definition.scope, "scope");

  const m = definition.measure;
  switch (m.kind) {
    case "count_distinct":
      if (m.field !== undefined) field(m.field, "measure.field");
      condition(m.where, "measure.where");
      break;
    case "sum":
    case "avg":
    case "median":
    case "min":
    case "max":
      numeric(m.field, "measure.field");
      condition(m.where, "measure.where");
      break;
    case "ratio":
    case "mix": {
      const parts =
        m.kind === "ratio" ? { numerator: m.numerator, denominator: m.denominator } : { of: m.of };
      for (const [name, part] of Object.entries(parts)) {
        if (part.kind === "sum") numeric(part.field, `measure.${name}.field`);
        condition(part.where, `measure.${name}.where`);
      }
      if (m.kind === "mix") {
        dimension(m.dimension, "measure.dimension");
        if (definition.breakdowns.includes(m.dimension)) {
          report("breakdowns", `"${m.dimension}" is the mix's own category`);
        }
      }
      break;
    }
    case "top_share":
      dimension(m.partition, "measure.partition");
      if (!model.supplierFields.has(m.entity)) {
        report("measure.entity", `unknown supplier field "${m.entity}"`, "unknown_field");
      }
      numeric(m.amount, "measure.amount");
      condition(m.where, "measure.where");
      break;
  }
  checkPolarity(definition, report);
  return issues;
}

function checkPolarity(definition: ParsedDefinition, report: Report): void {
  const { polarity, thresholds, target } = definition;
  if (polarity === "neutral") {
    if (thresholds) report("thresholds", "a neutral indicator has no thresholds");
    if (target) report("target", "a neutral indicator has no target");
    return;
  }
  const goodOps = polarity === "lower_is_better" ? ["lt", "lte"] : ["gt", "gte"];
  if (thresholds?.green && !goodOps.includes(thresholds.green.op)) {
    report("thresholds.green.op", `with ${polarity}, green uses ${goodOps.join(" or ")}`);
  }
  if (thresholds?.red && goodOps.includes(thresholds.red.op)) {
    report("thresholds.red.op", `with ${polarity}, red cannot use ${thresholds.red.op}`);
  }
  if (thresholds?.green && thresholds.red) {
    const ordered =
      polarity === "lower_is_better"
        ? thresholds.green.value <= thresholds.red.value
        : thresholds.green.value >= thresholds.red.value;
    if (!ordered) report("thresholds", "green and red bounds are in the wrong order");
  }
}

function checkCondition(
  c: ConditionInput | undefined,
  path: string,
  field: (name: string, path: string) => ColumnType | null,
  listed: (name: string) => boolean,
  report: Report,
): void {
  if (c === undefined) return;
  const inner = (item: ConditionInput, at: string) =>
    checkCondition(item, at, field, listed, report);
  if (c.and) c.and.forEach((item, i) => inner(item, `${path}.and.${i}`));
  if (c.or) c.or.forEach((item, i) => inner(item, `${path}.or.${i}`));
  if (c.not) inner(c.not, `${path}.not`);
  if (c.field === undefined || c.op === undefined) return;
  const type = field(c.field, `${path}.field`);
  if (type === null) return;
  const problem = operatorProblem(type, c.op, listed(c.field));
  if (problem) {
    report(`${path}.op`, `${problem} (field "${c.field}" is ${type})`, "type_mismatch");
    return;
  }
  const values = c.value !== undefined ? [c.value] : (c.values ?? []);
  const key = c.value !== undefined ? "value" : "values";
  values.forEach((value, i) => {
    const problemValue = valueProblem(type, value);
    const at = key === "value" ? `${path}.value` : `${path}.values.${i}`;
    if (problemValue) report(at, problemValue, "type_mismatch");
  });
}

const ORDERING_OPS = ["lt", "lte", "gt", "gte"];

/**
 * Why `op` does not apply to a field of this type, or null. A field holding codes of a closed list
 * (`listed`: procedure, nature…) has no order: `procedure lt "m"` would compare the codes' spelling.
 */
export function operatorProblem(type: ColumnType, op: string, listed = false): string | null {
  if (op === "is_null" || op === "not_null") return null;
  if (type === "string_list")
    return op === "contains" ? null : `only contains, is_null, not_null apply to a list`;
  if (op === "contains") return "contains applies to list fields only";
  if (type === "boolean" && !["eq", "neq"].includes(op)) return `${op} does not apply to a boolean`;
  if (!(COMPARE_OPS as readonly string[]).includes(op) && op !== "in" && op !== "nin") {
    return `unknown operator ${op}`;
  }
  if (listed && ORDERING_OPS.includes(op))
    return `the codes of a closed list have no order for ${op}`;
  return null;
}

export function valueProblem(type: ColumnType, value: unknown): string | null {
  switch (type) {
    case "string":
    case "string_list":
      return typeof value === "string" ? null : "expected a text value";
    case "integer":
      return Number.isInteger(value) ? null : "expected an integer";
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? null : "expected a number";
    case "boolean":
      return typeof value === "boolean" ? null : "expected true or false";
    case "date":
      return typeof value === "string" && DATE.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : "expected a date YYYY-MM-DD";
  }
}
