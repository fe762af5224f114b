// The one shape every export writer takes: typed columns with labels, plain rows, and the
// metadata that makes a file self-explaining (definition, formula, filters, snapshot, time).
import type { JsonValue } from "../../lib/duckdb.ts";
import type {
  ColumnType,
  IndicatorSummary,
  Model,
  RowFlag,
  Status,
} from "../../indicators/index.ts";
import { keyLabelText } from "../../client/src/shared/missing-key.js";
import { notJudgedText } from "../../client/src/shared/not-judged-text.js";
import { formatDateTime } from "../../client/src/shared/paris-time.js";
import { formatBound, formatValue } from "../../client/src/shared/value-text.js";
import type { AnswerHead } from "../answer-body.ts";

export type ExportValue = string | number | boolean | null | string[];
export type ExportFormat = IndicatorSummary["format"];

export interface ExportColumn {
  name: string;
  label: string;
  type: ColumnType;
  format?: ExportFormat;
}

export interface MetadataEntry {
  /** Stable key (Parquet key-value metadata). */
  key: string;
  /** French label (XLSX metadata sheet). */
  label: string;
  value: string;
}

export interface ExportTable {
  columns: ExportColumn[];
  rows: ExportValue[][];
  metadata: MetadataEntry[];
}

// The format flags read as on the dashboard (client/src/format.js), true of any row, the one
// of contracts without a date included: they speak of the row's contracts, never of dates.
// Every flag and status of the engine has its words (`satisfies`); looked up by any string.
export const FLAG_LABELS: Record<string, string> = {
  below_min_n: "effectif trop faible pour conclure",
  low_coverage: "information peu renseignée",
  format_not_available:
    "Aucun de ces marchés n'est publié au format 2024, le seul qui contient cette information",
  format_partial:
    "Certains de ces marchés ne sont pas au format 2024 : ils sont laissés hors du calcul",
} satisfies Record<RowFlag, string>;

export const STATUS_LABELS: Record<string, string> = {
  green: "vert",
  yellow: "jaune",
  red: "rouge",
} satisfies Record<Status, string>;

/** `french`: flags, status and booleans in words (spreadsheets); otherwise stable codes. */
export function exportColumns(head: AnswerHead, french: boolean): ExportColumn[] {
  return head.columns.map((c) => ({
    name: c.name,
    label: c.label,
    // Spreadsheets get words; data tools keep booleans and lists (Parquet LIST of VARCHAR).
    type: french && (c.type === "string[]" || c.type === "boolean") ? "string" : c.type,
    ...(c.format ? { format: c.format } : {}),
  }));
}

/** Some rows of the result as cells, in the columns' order (a chunk at a time when streamed). */
export function exportRows(
  head: AnswerHead,
  rows: readonly Record<string, JsonValue | undefined>[],
  french: boolean,
): ExportValue[][] {
  const targetYear = head.indicator.target?.year ?? null;
  const keyCells = french ? readerKeyCells(head) : [];
  return rows.map((row) =>
    head.columns.map((c, i) => {
      const value = row[c.name] ?? null;
      // A key reads as the dashboard's table says it, never as a blank cell (read as a missing
      // figure or a subtotal): a code without a label (CPV division « 00 ») in its label cell;
      // a group whose key is not known in words, in its label column when it has one, else in
      // the key's own cell (a year: « Date inconnue »). The key's code stays empty beside a label.
      const keyCell = keyCells[i];
      if (value === null && keyCell) {
        return keyLabelText(keyCell.key, null, keyCell.own ? null : row[keyCell.key]);
      }
      // The reason a row is not judged, in the dashboard's words (one table: the code's); a code
      // with no words yet is kept as it is rather than lost.
      if (french && typeof value === "string") {
        if (c.role === "status_not_judged") return notJudgedText(value, row, null) ?? value;
        if (c.role === "target_not_judged") return notJudgedText(value, row, targetYear) ?? value;
      }
      return cell(value, c.role, french);
    }),
  );
}

interface KeyCell {
  /** The key column (a dimension's id) whose value the cell names. */
  key: string;
  /** True when the cell is the key's own (it has no label column). */
  own: boolean;
}

/** Per column, the key a person reads in it when empty: label columns, and keys without one. */
function readerKeyCells(head: AnswerHead): (KeyCell | undefined)[] {
  const labelled = new Set(head.columns.filter((c) => c.role === "label").map((c) => c.dimension));
  return head.columns.map((c) => {
    const key = c.dimension;
    if (key === undefined) return undefined;
    if (c.role === "key") return labelled.has(key) ? undefined : { key, own: true };
    return c.role === "label" ? { key, own: false } : undefined;
  });
}

function cell(value: JsonValue, role: string, french: boolean): ExportValue {
  if (Array.isArray(value)) {
    const items = value.map((v) => String(v));
    return french ? items.map((f) => FLAG_LABELS[f] ?? f).join(" ; ") : items;
  }
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  if (!french) return value;
  if (role === "status" && typeof value === "string") return STATUS_LABELS[value] ?? value;
  if (typeof value === "boolean") return value ? "oui" : "non";
  return value;
}

/**
 * `french`: the spreadsheets' metadata write when the data were loaded and the file made in
 * French and Paris time (« 6 décembre 2026 à 22:07 »), as the dashboard's freshness line does,
 * and thresholds and target as the dashboard's badges do, in the indicator's format (a share
 * « ≤ 10 % », as the data sheet shows it, never « 0,1 »); Parquet's key-value pairs keep the ISO
 * instant and the plain number a program reads (« ≤ 0.1 »).
 */
export function exportMetadata(
  result: AnswerHead,
  model: Model,
  url: string,
  french: boolean,
): MetadataEntry[] {
  const ind = result.indicator;
  // Instants as the dashboard's freshness line says them, in Paris time; ISO for programs.
  const when = (iso: string | null) =>
    iso === null ? "inconnu" : french ? formatDateTime(iso) : iso;
  const num = (n: number) => (french ? formatValue(n, ind.format) : String(n));
  const dim = (id: string) => model.dimensions.get(id)?.label ?? id;
  const filters = result.request.filters.map(
    (f) => `${dim(f.dimension)} ${OPS[f.op] ?? f.op} ${f.values.join(", ")}`,
  );
  const by = [...(result.request.grain ? [result.request.grain] : []), ...result.request.by];
  const entries: [string, string, string][] = [
    ["indicator_id", "Identifiant de l'indicateur", ind.id],
    ["title", "Indicateur", ind.title],
    ["description", "Définition", ind.description],
    ["formula", "Formule", ind.formula],
    ["unit", "Unité", ind.unit_label],
    ["counting_unit", "Unité de compte", COUNTING[ind.counting_unit] ?? ind.counting_unit],
    ["requires_format", "Format DECP nécessaire", FORMATS[ind.requires_format] ?? ""],
    ["definition_version", "Version de la définition", String(result.definition_version)],
    ["breakdown", "Découpage", by.map(dim).join(", ") || "aucun (ensemble)"],
    ["filters", "Filtres", filters.join(" ; ") || "aucun"],
    ["snapshot_id", "Instantané des données", result.snapshot_id],
    ["snapshot_loaded_at", "Données chargées le", when(result.snapshot.loaded_at)],
    ["generated_at", "Fichier généré le", when(result.generated_at)],
    [
      "source",
      "Source de la définition",
      ind.source.name + (ind.source.url ? ` (${ind.source.url})` : ""),
    ],
    ["caveats", "Précautions de lecture", ind.caveats.join(" ; ")],
    [
      "flags",
      "Signalements possibles",
      Object.entries(FLAG_LABELS)
        .map(([code, label]) => `${code} : ${label}`)
        .join(" ; "),
    ],
    ["request", "Requête de l'API", url],
  ];
  if (result.snapshot.synthetic) {
    entries.push(["synthetic", "Attention", "données de test générées, pas des données réelles"]);
  }
  if (ind.thresholds) {
    const t = ind.thresholds;
    const bound = (b?: { op: string; value: number }) =>
      !b ? "—" : french ? formatBound(b, ind.format) : `${OPS[b.op]} ${num(b.value)}`;
    // « ; » between the two: with a decimal comma, « vert ≤ 1,5, rouge > 2,5 » would blur them.
    entries.push([
      "thresholds",
      "Seuils",
      `vert ${bound(t.green)} ; rouge ${bound(t.red)} (${t.source})`,
    ]);
  }
  if (ind.target) {
    entries.push([
      "target",
      "Cible",
      `${ind.target.label} : ${num(ind.target.value)} en ${ind.target.year} (${ind.target.source})`,
    ]);
  }
  return entries.map(([key, label, value]) => ({ key, label, value }));
}

const OPS: Record<string, string> = {
  eq: "=",
  neq: "≠",
  lt: "<",
  lte: "≤",
  gt: ">",
  gte: "≥",
  in: "parmi",
  nin: "hors de",
};

const COUNTING: Record<string, string> = {
  contract: "le marché (chacun compté une fois)",
  // The value splits each contract among its titulaires; N still counts contracts.
  contract_supplier: "le couple marché × titulaire (N compte les marchés, chacun une fois)",
};

const FORMATS: Record<string, string> = {
  any: "tous formats (2019 et 2024)",
  v2: "format 2024 seulement",
};
