// Validates generated records against the official DECP schema (ajv 8) and gives each failure its
// reason: a dirty value the generator declares in DIRT, or one a real template already carries.
// A failure with neither reason is a generator bug and is listed, with the offending value.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { readFileSync } from "node:fs";
import type { DIRT } from "../../bench/generator/make-record.ts";
import type { Json } from "../../bench/generator/templates.ts";

const SCHEMAS = {
  v2: "tests/fixtures/schemas/decp-v2.0.3.schema.json",
  v1: "tests/fixtures/schemas/decp-v1.5.0-marches.schema.json",
};

/** A validator of one marché record of the format (its schema's `definitions/marche`). */
export function recordValidator(format: "v1" | "v2"): ValidateFunction {
  const schema = JSON.parse(readFileSync(SCHEMAS[format], "utf8")) as Json;
  // The 1.5 schema is draft-04, which ajv 8 does not load: its root `id` is draft-07's `$id`, and
  // its patterns escape "-", which ajv's default unicode mode rejects. Nothing else it uses
  // differs between the drafts (no boolean exclusiveMinimum/Maximum), so no rule is relaxed.
  delete schema.$schema;
  if (typeof schema.id === "string") {
    schema.$id = schema.id;
    delete schema.id;
  }
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addSchema(schema, "decp");
  const validate = ajv.getSchema("decp#/definitions/marche");
  if (!validate) throw new Error(`no definitions/marche in ${SCHEMAS[format]}`);
  return validate;
}

type DirtKind = keyof typeof DIRT;

/** Where each declared dirt breaks the schema, and what the dirty value looks like. */
const DIRT_RULES: { kind: DirtKind; where: RegExp; value: (v: unknown) => boolean }[] = [
  { kind: "missingId", where: /^\/id minLength$/, value: (v) => v === "" },
  {
    kind: "cpvWithoutLeadingZero",
    where: /^\/codeCPV pattern$/,
    value: (v) => typeof v === "string" && /^[1-9]\d{6}$/.test(v),
  },
  {
    kind: "amountAsFrenchText",
    where: /^\/montant type$/,
    value: (v) => typeof v === "string" && /^\d{1,3}(\s\d{3})*,\d{2}$/u.test(v),
  },
  {
    kind: "siretWithSpaces",
    where: /^\/titulaires\/\*(\/titulaire)?\/id pattern$/,
    value: (v) => typeof v === "string" && /^\d{3} \d{3} \d{8}$/.test(v),
  },
  {
    kind: "dateWithTimeZone",
    where: /^\/dateNotification pattern$/,
    value: (v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}\+01:00$/.test(v),
  },
];

const path = (e: ErrorObject) => e.instancePath.replace(/\/\d+/g, "/*");
const signature = (e: ErrorObject) => `${path(e)} ${e.keyword} ${JSON.stringify(e.params)}`;

function valueAt(record: Json, pointer: string): unknown {
  let value: unknown = record;
  for (const part of pointer.split("/").slice(1)) {
    value = value && typeof value === "object" ? (value as Json)[part] : undefined;
  }
  return value;
}

export interface FailureReport {
  failed: number;
  dirt: Partial<Record<DirtKind, number>>;
  carried: number;
  unexplained: string[];
}

export function explainFailures(
  validate: ValidateFunction,
  records: Json[],
  templates: Json[],
): FailureReport {
  // What real records already break (the generator copies their shapes and values).
  const carried = new Set<string>();
  for (const template of templates) {
    if (!(validate(template) as boolean))
      for (const e of validate.errors ?? []) carried.add(signature(e));
  }
  const report: FailureReport = {
    failed: 0,
    dirt: {},
    carried: 0,
    unexplained: [],
  };
  for (const record of records) {
    // (validate is a type guard; its narrowing of a Json record is of no use here.)
    if (validate(record) as boolean) continue;
    report.failed++;
    for (const error of validate.errors ?? []) {
      const value = valueAt(record, error.instancePath);
      const rule = DIRT_RULES.find(
        (r) => r.where.test(`${path(error)} ${error.keyword}`) && r.value(value),
      );
      if (rule) report.dirt[rule.kind] = (report.dirt[rule.kind] ?? 0) + 1;
      else if (carried.has(signature(error))) report.carried++;
      else
        report.unexplained.push(
          `${String(record.id)} ${error.instancePath} ${error.message} (${JSON.stringify(value)})`,
        );
    }
  }
  return report;
}
