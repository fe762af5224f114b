// Conditions of definitions (`scope`, `where`): a closed operator set over model fields. A leaf is
// {field, op, value | values}; combinations are {and: […]}, {or: […]}, {not: {…}}.
import { z } from "zod";
import { Identifier } from "./model-schema.ts";

export const COMPARE_OPS = ["eq", "neq", "lt", "lte", "gt", "gte"] as const;
export const LIST_OPS = ["in", "nin", "contains"] as const;
export const NULL_OPS = ["is_null", "not_null"] as const;
export const CONDITION_OPS = [...COMPARE_OPS, ...LIST_OPS, ...NULL_OPS] as const;

export type ConditionOp = (typeof CONDITION_OPS)[number];
export type Scalar = string | number | boolean;

export interface ConditionInput {
  field?: string | undefined;
  op?: ConditionOp | undefined;
  value?: Scalar | undefined;
  values?: Scalar[] | undefined;
  and?: ConditionInput[] | undefined;
  or?: ConditionInput[] | undefined;
  not?: ConditionInput | undefined;
}

const ScalarSchema = z.union([z.string(), z.number(), z.boolean()]);

function checkShape(condition: ConditionInput, ctx: z.core.$RefinementCtx<ConditionInput>): void {
  const forms = (["field", "and", "or", "not"] as const).filter((k) => condition[k] !== undefined);
  if (forms.length !== 1) {
    ctx.addIssue({ code: "custom", message: "give exactly one of `field`, `and`, `or`, `not`" });
    return;
  }
  const op = condition.op;
  if (forms[0] !== "field") {
    if (op !== undefined || condition.value !== undefined || condition.values !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: "`op`, `value`, `values` belong to a `field` condition",
      });
    }
    return;
  }
  if (op === undefined) {
    ctx.addIssue({ code: "custom", path: ["op"], message: "required with `field`" });
    return;
  }
  const wantsValue = (COMPARE_OPS as readonly string[]).includes(op);
  const wantsValues = (LIST_OPS as readonly string[]).includes(op);
  if (wantsValue !== (condition.value !== undefined)) {
    const message = wantsValue ? `required by op ${op}` : `not allowed with op ${op}`;
    ctx.addIssue({ code: "custom", path: ["value"], message });
  }
  if (wantsValues !== (condition.values !== undefined)) {
    const message = wantsValues ? `required by op ${op}` : `not allowed with op ${op}`;
    ctx.addIssue({ code: "custom", path: ["values"], message });
  }
}

export const Condition: z.ZodType<ConditionInput> = z
  .strictObject({
    field: Identifier.optional().describe("A field of indicators/model.yaml."),
    op: z
      .enum(CONDITION_OPS)
      .optional()
      .describe(
        "eq, neq, lt, lte, gt, gte (value); in, nin, contains: list holds any of (values); " +
          "is_null, not_null. neq and nin keep blanks (NULL differs from every value).",
      ),
    value: ScalarSchema.optional(),
    // An empty list admits no contract: a figure of 0 that says nothing, so it is refused.
    values: z.array(ScalarSchema).min(1).max(100).optional(),
    get and() {
      return z.array(Condition).min(1).optional().describe("All of these conditions.");
    },
    get or() {
      return z.array(Condition).min(1).optional().describe("Any of these conditions.");
    },
    get not() {
      return Condition.optional().describe("The opposite of this condition (blanks included).");
    },
  })
  .superRefine(checkShape)
  .meta({ id: "condition" });
