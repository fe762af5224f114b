// What the current snapshot's run set aside, browsable: GET /api/rejects (records rejected, with
// the reason and the raw record) and GET /api/field-issues (values repaired, nulled or flagged).
// Each answer gives the counts by group and by source, and one page of rows. Filter values are
// always bound; table names, columns and expressions come from the fixed lists below.
import { Router, type Request, type Response } from "express";
import type { AppDeps } from "../deps.ts";
import type { Snapshot } from "../db.ts";
import { FieldIssuesQuery, RejectRecordQuery, RejectsQuery } from "../api-schemas/parameters.ts";
import { FIELD_ACTIONS, RAW_PREVIEW } from "../api-schemas/quality.ts";
import { intParam, intQuery, queryNames, queryString, rejectUnknownQuery } from "../params.ts";
import { answer } from "../respond.ts";
import { badRequest, notFound } from "../errors.ts";

// A field path with its list positions blanked: "titulaires[3].id" → "titulaires[].id". Grouping
// on it keeps one line per field instead of one per position in a list.
const FIELD_PATH = String.raw`regexp_replace(field, '\[[0-9]+\]', '[]', 'g')`;

interface BrowseSpec {
  table: "rejects" | "field_issues";
  /** The route's parameters (filters, limit and offset). */
  query: typeof RejectsQuery | typeof FieldIssuesQuery;
  /** Query parameter → SQL condition on its bound placeholder. */
  filters: Record<string, (placeholder: string) => string>;
  /** Values a filter accepts, when the list is closed. */
  choices?: Record<string, readonly string[]>;
  /** Group key as answered → SQL expression. */
  groups: Record<string, string>;
  columns: string;
  order: string;
}

const equals = (column: string) => (p: string) => `${column} = ${p}`;

const REJECTS: BrowseSpec = {
  table: "rejects",
  query: RejectsQuery,
  filters: { source: equals("source"), reason: equals("reason") },
  groups: { reason: "reason" },
  columns: `source, position, kind, reason, left(raw, ${RAW_PREVIEW}) AS raw,
            length(raw) > ${RAW_PREVIEW} AS raw_truncated`,
  order: "source, position",
};

const FIELD_ISSUES: BrowseSpec = {
  table: "field_issues",
  query: FieldIssuesQuery,
  filters: {
    source: equals("source"),
    // An exact path ("titulaires[0].id") or the path of the groups ("titulaires[].id").
    field: (p) => `(field = ${p} OR ${FIELD_PATH} = ${p})`,
    problem: equals("problem"),
    action: equals("action"),
  },
  choices: { action: FIELD_ACTIONS },
  groups: { field: FIELD_PATH, problem: "problem", action: "action" },
  columns: `source, position, uid, field, left(raw_value, ${RAW_PREVIEW}) AS raw_value,
            problem, action`,
  order: "source, position, field, problem",
};

/** The WHERE clause of the filters given in the query (an empty value filters nothing). */
function where(req: Request, spec: BrowseSpec): { sql: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  for (const [name, condition] of Object.entries(spec.filters)) {
    const value = queryString(req, name);
    if (value === undefined || value === "") continue;
    if (value.length > 500) throw badRequest(name, `${name} dépasse 500 caractères`);
    const choices = spec.choices?.[name];
    if (choices && !choices.includes(value)) {
      throw badRequest(name, `${name} doit être l'une des valeurs ${choices.join(", ")}`);
    }
    params.push(value);
    clauses.push(condition(`$${params.length}`));
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

async function browse(
  snapshot: Snapshot,
  req: Request,
  spec: BrowseSpec,
): Promise<Record<string, unknown>> {
  const limit = intQuery(req, "limit", spec.query.shape.limit);
  const offset = intQuery(req, "offset", spec.query.shape.offset);
  const filter = where(req, spec);
  const keys = Object.entries(spec.groups).map(([name, sql]) => `${sql} AS ${name}`);
  // Ordered by position in the select list: an alias may shadow a column of the same name.
  const keyPositions = keys.map((_, i) => i + 1).join(", ");
  const groups = await snapshot.query(
    `SELECT ${keys.join(", ")}, count(*) AS count FROM ${spec.table} ${filter.sql}
     GROUP BY ALL ORDER BY ${keys.length + 1} DESC, ${keyPositions}`,
    filter.params,
  );
  const bySource = await snapshot.query(
    `SELECT source, count(*) AS count FROM ${spec.table} ${filter.sql}
     GROUP BY source ORDER BY count DESC, source`,
    filter.params,
  );
  const rows = await snapshot.query(
    `SELECT ${spec.columns} FROM ${spec.table} ${filter.sql} ORDER BY ${spec.order}
     LIMIT ${limit} OFFSET ${offset}`,
    filter.params,
  );
  const total = bySource.reduce((sum, row) => sum + Number(row.count), 0);
  return { total, groups, by_source: bySource, limit, offset, rows };
}

function browseRoute(deps: AppDeps, spec: BrowseSpec) {
  const allowed = queryNames(spec.query);
  return async (req: Request, res: Response) => {
    rejectUnknownQuery(req, allowed);
    await answer(deps, res, (snapshot) => browse(snapshot, req, spec));
  };
}

export function qualityRouter(deps: AppDeps): Router {
  const router = Router();

  router.get("/rejects", browseRoute(deps, REJECTS));
  router.get("/field-issues", browseRoute(deps, FIELD_ISSUES));

  // One rejected record, whole (the list gives the first RAW_PREVIEW characters only).
  router.get("/rejects/record", async (req, res) => {
    rejectUnknownQuery(req, queryNames(RejectRecordQuery));
    const source = queryString(req, "source");
    if (!source) throw badRequest("source", "source est obligatoire");
    const bounds = RejectRecordQuery.shape.position;
    const position = intParam(queryString(req, "position"), "position", {
      min: bounds.minValue ?? 0,
      max: bounds.maxValue ?? 1e9,
      fallback: -1,
    });
    if (position < 0) throw badRequest("position", "position est obligatoire");
    await answer(deps, res, async (snapshot) => {
      const [row] = await snapshot.query(
        "SELECT source, position, kind, reason, raw FROM rejects WHERE source = $1 AND position = $2",
        [source, position],
      );
      if (!row)
        throw notFound("aucun enregistrement rejeté à cette source et cette position", "position");
      return { record: row };
    });
  });

  return router;
}
