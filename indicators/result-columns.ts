// The columns of a result row, declared once: their names, roles, types, French labels and which
// results carry them. Everything else derives from here: the engine's column list (engine.ts),
// the names a dimension may not take (compiler/model-dimensions.ts), the column metadata the API
// gives (column-meta.ts), the API's schemas and OpenAPI document (server/api-schemas/) and, through
// server/api-types.ts, the client's types.
//
// A row is: one column per breakdown key (the dimension's id), `<dim>_label` where the dimension
// has labels, then the measured columns below, in this order.
import { z } from "zod";
import { DefinitionSchema } from "./compiler/schema.ts";

export const ROW_FLAGS = [
  "below_min_n",
  "low_coverage",
  "format_not_available",
  "format_partial",
] as const;
export type RowFlag = (typeof ROW_FLAGS)[number];

export const STATUSES = ["green", "yellow", "red"] as const;
export type Status = (typeof STATUSES)[number];

// Why a row gets no verdict, said by the engine that decides it (result-rows.ts), so that no
// reader of the API works the rule out again. A figure's own reasons, in this order, for the
// thresholds and the target alike: first that there is nothing to judge (no contract in the
// needed format, no contract at all, no value), then that it rests on too little (fewer
// contracts than min N, a field filled in too few of them).
export const NOTHING_TO_JUDGE = ["format_not_available", "no_contract", "no_value"] as const;
export const TOO_LITTLE_TO_JUDGE = ["below_min_n", "low_coverage"] as const;
export const FIGURE_NOT_JUDGED = [...NOTHING_TO_JUDGE, ...TOO_LITTLE_TO_JUDGE] as const;
export type FigureNotJudged = (typeof FIGURE_NOT_JUDGED)[number];

// For the target, the first that holds of: nothing to judge (said first, so that a figure shown
// as « pas de donnée » is not explained by its years); years the target does not hold to (a row
// of a year, quarter or month before the target's; a figure without a period whose dated
// contracts begin before it), which no figure of those years escapes, however many contracts;
// then too little to judge; last what is unknown of its years, which only a figure that could be
// judged leaves as the reason: contracts without a date beside dated ones, or none dated (a
// total, or the row of the undated ones).
export const TARGET_NOT_JUDGED = [
  ...NOTHING_TO_JUDGE,
  "period_before_target",
  "years_before_target",
  ...TOO_LITTLE_TO_JUDGE,
  "undated_contracts",
  "none_dated",
] as const;
export type TargetNotJudged = (typeof TARGET_NOT_JUDGED)[number];

/** How a column's values are typed, for charts, tables and typed exports (Parquet, XLSX). */
export const COLUMN_TYPES = ["integer", "number", "string", "boolean", "string[]"] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/**
 * Which results carry a measured column: every result; those with numerator and denominator
 * (ratio, mix, top share); those summing a field the model blanks (coverage in value); those
 * whose definition has thresholds, or a target.
 */
export type ColumnPresence = "always" | "parts" | "value_coverage" | "thresholds" | "target";

interface MeasuredColumn {
  type: ColumnType;
  presence: ColumnPresence;
  label: string;
  /** The values of the column in a row. */
  schema: z.ZodType;
}

const share = z.number().min(0).max(1);

export const MEASURED_COLUMNS = {
  value: {
    // "integer" when the definition's format is: see column-meta.ts.
    type: "number",
    presence: "always",
    label: "Valeur",
    schema: z.number().nullable().describe("The indicator; null when it cannot be computed."),
  },
  n: {
    type: "integer",
    presence: "always",
    label: "N : marchés sur lesquels porte le calcul",
    schema: z.int().min(0).describe("N: the contracts the figure is computed on."),
  },
  n_scope: {
    type: "integer",
    presence: "always",
    label: "Marchés dans le périmètre",
    schema: z.int().min(0).describe("Contracts in the indicator's base (after filters and scope)."),
  },
  numerator: {
    type: "number",
    presence: "parts",
    label: "Numérateur",
    schema: z.number().nullable(),
  },
  denominator: {
    type: "number",
    presence: "parts",
    label: "Dénominateur",
    schema: z.number().nullable(),
  },
  coverage: {
    type: "number",
    presence: "always",
    label: "Couverture (part des marchés du périmètre où l'information est renseignée)",
    schema: share
      .nullable()
      .describe("Share of the contracts in scope where the fields are filled."),
  },
  coverage_value: {
    type: "number",
    presence: "value_coverage",
    label: "Couverture en valeur",
    schema: share.nullable().describe("Share of the published amount the figure uses."),
  },
  flags: {
    type: "string[]",
    presence: "always",
    label: "Signalements",
    schema: z.array(z.enum(ROW_FLAGS)),
  },
  status: {
    type: "string",
    presence: "thresholds",
    label: "Statut au regard des seuils",
    schema: z.enum(STATUSES).nullable().describe("null below min N or under min coverage."),
  },
  status_not_judged: {
    type: "string",
    presence: "thresholds",
    label: "Seuils non évalués : raison",
    schema: z
      .enum(FIGURE_NOT_JUDGED)
      .nullable()
      .describe(
        "Why status is null, the first that holds: format_not_available (no contract in the format the indicator needs), no_contract (none in scope), no_value, below_min_n, low_coverage; null when status is given.",
      ),
  },
  // The years a figure covers, so that a total over several years is not judged against a
  // target set for the last of them (result-rows.ts), and a reader sees which years it mixes.
  first_year: {
    type: "integer",
    presence: "target",
    label: "Première année de notification (marchés du périmètre)",
    schema: z
      .int()
      .nullable()
      .describe(
        "Earliest notification year of the contracts in scope (n_scope); null when none is dated.",
      ),
  },
  last_year: {
    type: "integer",
    presence: "target",
    label: "Dernière année de notification (marchés du périmètre)",
    schema: z
      .int()
      .nullable()
      .describe(
        "Latest notification year of the contracts in scope (n_scope); null when none is dated.",
      ),
  },
  // MIN and MAX of first_year/last_year leave the undated contracts out, and must keep meaning
  // the years of the dated ones (a reader of 2025–2025 still learns those); their count is said
  // beside them rather than folded into a null first_year, which already means « none dated ». An
  // undated contract may be of any year: a row holding one is not judged (result-rows.ts).
  n_undated: {
    type: "integer",
    presence: "target",
    label: "Marchés du périmètre sans date de notification",
    schema: z
      .int()
      .min(0)
      .describe(
        "Contracts in scope (n_scope) without a notification date, left out of first_year and last_year; a row with any is not judged against the target, their year being unknown.",
      ),
  },
  target_met: {
    type: "boolean",
    presence: "target",
    label: "Cible atteinte",
    schema: z
      .boolean()
      .nullable()
      .describe(
        "null below min N, under min coverage, with a neutral polarity, on a row of a year (quarter, month) before the target's year, on a row without a period whose first_year is null or before the target's year (a total mixing earlier years), and on a row with undated contracts (n_undated above 0: of unknown year).",
      ),
  },
  target_not_judged: {
    type: "string",
    presence: "target",
    label: "Cible non évaluée : raison",
    schema: z
      .enum(TARGET_NOT_JUDGED)
      .nullable()
      .describe(
        "Why target_met is null, the first that holds: format_not_available, no_contract, no_value (nothing to judge), period_before_target (a row of a year, quarter or month before the target's year), years_before_target (a row without a period whose first_year is before the target's year), below_min_n, low_coverage, undated_contracts (n_undated above 0 beside dated contracts), none_dated (no contract of the row is dated); null when target_met is given.",
      ),
  },
} as const satisfies Record<string, MeasuredColumn>;

export type MeasuredColumnName = keyof typeof MEASURED_COLUMNS;
export const MEASURED_COLUMN_NAMES = Object.keys(MEASURED_COLUMNS) as MeasuredColumnName[];

/** What a column holds: a breakdown key, the label of a key, or one of the measured columns. */
export type ColumnRole = "key" | "label" | MeasuredColumnName;
export const COLUMN_ROLES = ["key", "label", ...MEASURED_COLUMN_NAMES] as [
  ColumnRole,
  ...ColumnRole[],
];

const LABEL_SUFFIX = "_label";

/** The column naming a key's values in French. */
export const labelColumn = (dimension: string): string => `${dimension}${LABEL_SUFFIX}`;

/** The dimension of a label column, or null when the name is not one. */
export function labelledDimension(name: string): string | null {
  return name.endsWith(LABEL_SUFFIX) ? name.slice(0, -LABEL_SUFFIX.length) : null;
}

/** A name a dimension may not take: it would collide with a column of every row. */
export function isReservedColumnName(name: string): boolean {
  return name in MEASURED_COLUMNS || labelledDimension(name) !== null;
}

/** The optional columns a result has. */
export type ResultPresence = Record<Exclude<ColumnPresence, "always">, boolean>;

/** The measured columns of a result, in row order. */
export function measuredColumns(presence: ResultPresence): MeasuredColumnName[] {
  return MEASURED_COLUMN_NAMES.filter((name) => {
    const when: ColumnPresence = MEASURED_COLUMNS[name].presence;
    return when === "always" || presence[when];
  });
}

type Columns = typeof MEASURED_COLUMNS;
type RowShape = {
  [K in MeasuredColumnName]: Columns[K]["presence"] extends "always"
    ? Columns[K]["schema"]
    : z.ZodOptional<Columns[K]["schema"]>;
};

const rowShape = Object.fromEntries(
  MEASURED_COLUMN_NAMES.map((name) => {
    const column: MeasuredColumn = MEASURED_COLUMNS[name];
    return [name, column.presence === "always" ? column.schema : column.schema.optional()];
  }),
) as RowShape;

/** A key's code (text or integer) or a key's label; null for "not filled". */
export const KeyValue = z.union([z.string(), z.number(), z.null()]);

export const IndicatorRowSchema = z
  .object(rowShape)
  .catchall(KeyValue)
  .describe(
    "One row: a column per breakdown key and `<dim>_label` for labelled dimensions, then the measured columns.",
  );

export type IndicatorRow = z.infer<typeof IndicatorRowSchema>;

/** What a column of a result is (column-meta.ts describes each column of a result). */
export const ColumnMetaSchema = z.strictObject({
  name: z.string(),
  label: z.string().describe("French label."),
  role: z.enum(COLUMN_ROLES),
  type: z.enum(COLUMN_TYPES),
  format: DefinitionSchema.shape.format
    .optional()
    .describe("For value, numerator, denominator and coverage columns: how to show the number."),
  dimension: z.string().optional().describe("For key and label columns: their dimension."),
});

export type ColumnMeta = z.output<typeof ColumnMetaSchema>;
