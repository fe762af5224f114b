// The publication-quality definition (indicators/quality/publication-quality.yaml): components,
// weights and grade thresholds live in that file, never in code. Checked strictly here: unknown
// keys, a column the contracts table does not have, or unordered grades are errors naming the
// dotted path of the bad value. Columns are checked against the engine's list of canonical
// columns, so that they can be written into SQL as identifiers.
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { CONTRACT_COLUMNS, type ContractColumn } from "../../indicators/compiler/canonical.ts";
import { readYamlFile } from "../../indicators/compiler/yaml-file.ts";

export const DEFINITION_PATH = fileURLToPath(
  new URL("../../indicators/quality/publication-quality.yaml", import.meta.url),
);

const Column = z
  .string()
  .refine((name) => Object.hasOwn(CONTRACT_COLUMNS, name), "not a column of the contracts table")
  .transform((name) => name as ContractColumn);

const Field = z.strictObject({
  column: Column,
  decp: z.string().min(1).describe("The field's name in the published DECP."),
  label: z.string().min(1).describe("French words for the field."),
  check: z.enum(["filled", "positive"]).default("filled"),
});

const common = {
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  weight: z.number().positive(),
  title: z.string().min(1),
  description: z.string().min(1),
};

const Component = z.discriminatedUnion("kind", [
  z.strictObject({ ...common, kind: z.literal("fields_filled"), fields: z.array(Field).min(1) }),
  z.strictObject({ ...common, kind: z.literal("valid_sirets") }),
  z.strictObject({
    ...common,
    kind: z.literal("published_within"),
    months: z.int().min(1).max(24),
  }),
  z.strictObject({
    ...common,
    kind: z.literal("format_2024_fields"),
    notified_from: z.iso.date(),
    fields: z.array(Field).min(1),
  }),
  z.strictObject({ ...common, kind: z.literal("plausible_amounts") }),
]);

const Grade = z.strictObject({
  grade: z.enum(["A", "B", "C", "D", "E"]),
  min_score: z.number().min(0).max(1),
});

export const QualityDefinitionSchema = z.strictObject({
  id: z.literal("publication_quality"),
  version: z.int().min(1),
  title: z.string().min(1),
  description: z.string().min(1),
  grades: z
    .array(Grade)
    .length(5)
    .refine(
      (grades) => grades.every((g, i) => i === 0 || g.min_score < (grades[i - 1]?.min_score ?? 1)),
      "grades go from A to E with decreasing min_score",
    )
    .refine((grades) => grades.at(-1)?.min_score === 0, "the last grade starts at 0"),
  grades_source: z.string().min(1),
  min_contracts: z.int().min(1),
  components: z
    .array(Component)
    .min(1)
    .refine(
      (list) => new Set(list.map((c) => c.id)).size === list.length,
      "component ids are unique",
    ),
  caveats: z.array(z.string().min(1)).default([]),
});

export type QualityDefinition = z.output<typeof QualityDefinitionSchema>;
export type QualityComponentDefinition = QualityDefinition["components"][number];
export type QualityField = z.output<typeof Field>;

export class QualityDefinitionError extends Error {
  constructor(
    readonly file: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(`${file}: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`);
  }
}

/** Checks a parsed YAML value; every problem at once, each with its dotted path. */
export function parseQualityDefinition(value: unknown, file: string): QualityDefinition {
  const parsed = QualityDefinitionSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new QualityDefinitionError(
    file,
    parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  );
}

let cached: QualityDefinition | undefined;

/** The shipped definition, read once per process. Throws QualityDefinitionError when broken. */
export function loadQualityDefinition(path = DEFINITION_PATH): QualityDefinition {
  if (path === DEFINITION_PATH && cached) return cached;
  const { value, issues } = readYamlFile(path);
  if (issues.length > 0) {
    throw new QualityDefinitionError(
      path,
      issues.map((i) => ({ path: i.path ?? "", message: i.message })),
    );
  }
  const definition = parseQualityDefinition(value, path);
  if (path === DEFINITION_PATH) cached = definition;
  return definition;
}
