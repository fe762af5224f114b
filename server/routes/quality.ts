// What the current snapshot's run set aside, browsable: GET /api/rejects (records rejected, with
// the reason and the raw record) and GET /api/field-issues (values repaired, nulled or flagged).
// Each answer gives the counts by group and one page of rows; every filter value is bound.
import { Router, type Request } from "express";
import type { AppDeps } from "../app.ts";
import type { Snapshot } from "../db.ts";
import { intParam, queryString, rejectUnknownQuery } from "../params.ts";
import { answer } from "../respond.ts";
import { badRequest, notFound } from "../errors.ts";

const RAW_PREVIEW = 2000;
const PAGE = { min: 1, max: 500, fallback: 50 };

/** Equality filters from the query, on columns of a fixed list (never a name from the request). */
function filters(req: Request, columns: readonly string[]): { where: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  for (const column of columns) {
    const value = queryString(req, column);
    if (value === undefined) continue;
    if (value.length > 500) throw badRequest(column, `${column} is longer than 500 characters`);
    params.push(value);
    clauses.push(`"${column}" = $${params.length}`);
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

async function browse(
  snapshot: Snapshot,
  req: Request,
  table: "rejects" | "field_issues",
  groupBy: readonly string[],
  columns: string,
): Promise<Record<string, unknown>> {
  const limit = intParam(queryString(req, "limit"), "limit", PAGE);
  const offset = intParam(queryString(req, "offset"), "offset", { min: 0, max: 1e9, fallback: 0 });
  const { where, params } = filters(req, ["source", ...groupBy]);
  const keys = groupBy.map((c) => `"${c}"`).join(", ");
  const groups = await snapshot.query(
    `SELECT ${keys}, count(*) AS count FROM ${table} ${where} GROUP BY ALL ORDER BY count DESC, ${keys}`,
    params,
  );
  const bySource = await snapshot.query(
    `SELECT source, count(*) AS count FROM ${table} ${where} GROUP BY source ORDER BY count DESC, source`,
    params,
  );
  const [total] = await snapshot.query(`SELECT count(*) AS n FROM ${table} ${where}`, params);
  const rows = await snapshot.query(
    `SELECT ${columns} FROM ${table} ${where} ORDER BY source, position
     LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  return { total: Number(total.n), groups, by_source: bySource, limit, offset, rows };
}

export function qualityRouter(deps: AppDeps): Router {
  const router = Router();

  router.get("/rejects", async (req, res) => {
    rejectUnknownQuery(req, ["source", "reason", "limit", "offset"]);
    await answer(deps, res, (snapshot) =>
      browse(
        snapshot,
        req,
        "rejects",
        ["reason"],
        `source, position, kind, reason, left(raw, ${RAW_PREVIEW}) AS raw,
         length(raw) > ${RAW_PREVIEW} AS raw_truncated`,
      ),
    );
  });

  router.get("/rejects/record", async (req, res) => {
    rejectUnknownQuery(req, ["source", "position"]);
    const source = queryString(req, "source");
    if (!source) throw badRequest("source", "source is required");
    const position = intParam(queryString(req, "position"), "position", {
      min: 0,
      max: 1e9,
      fallback: -1,
    });
    if (position < 0) throw badRequest("position", "position is required");
    await answer(deps, res, async (snapshot) => {
      const [row] = await snapshot.query(
        "SELECT source, position, kind, reason, raw FROM rejects WHERE source = $1 AND position = $2",
        [source, position],
      );
      if (!row) throw notFound("no rejected record at this source and position", "position");
      return { record: row };
    });
  });

  router.get("/field-issues", async (req, res) => {
    rejectUnknownQuery(req, ["source", "problem", "action", "limit", "offset"]);
    await answer(deps, res, (snapshot) =>
      browse(
        snapshot,
        req,
        "field_issues",
        ["problem", "action"],
        "source, position, uid, field, raw_value, problem, action",
      ),
    );
  });

  return router;
}
