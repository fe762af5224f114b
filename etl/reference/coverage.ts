// Coverage of the who's who as a figure, per snapshot: the share of contracts (and of their
// amount, suspect amounts left out) whose buyer has a name and a type, and whose titulaires all
// have a name, a known size and a known location. Reported by the run (summary, history, « Mises à
// jour des données ») for all contracts and per DECP format.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";

export const COVERAGE_ITEMS = [
  "buyer_named",
  "buyer_typed",
  "titulaires_named",
  "titulaires_size_known",
  "titulaires_located",
] as const;

export type CoverageItem = (typeof COVERAGE_ITEMS)[number];

export interface CoverageRow {
  /** "all", or a DECP format (v1, v2.0.0, v2). */
  scope: string;
  contracts: number;
  amount: number;
  covered: Record<CoverageItem, { contracts: number; amount: number }>;
}

const CONDITIONS: Record<CoverageItem, string> = {
  buyer_named: "c.acheteur_denomination IS NOT NULL",
  buyer_typed: "c.acheteur_type IS NOT NULL",
  titulaires_named: "p.n > 0 AND p.named = p.n",
  titulaires_size_known: "p.n > 0 AND p.sized = p.n",
  titulaires_located: "p.n > 0 AND p.located = p.n",
};

export async function measureCoverage(connection: DuckDBConnection): Promise<CoverageRow[]> {
  const figures = COVERAGE_ITEMS.flatMap((item) => [
    `count(*) FILTER (WHERE ${CONDITIONS[item]}) AS "${item}_contracts"`,
    `coalesce(sum(a) FILTER (WHERE ${CONDITIONS[item]}), 0) AS "${item}_amount"`,
  ]);
  const rows = await queryRows(
    connection,
    `WITH p AS (
       SELECT s.uid, count(*) AS n, count(t.nom) AS named,
              count(t.categorie_entreprise) AS sized, count(t.departement) AS located
       FROM contract_suppliers s LEFT JOIN titulaires t ON t.titulaire_id = s.titulaire_id
       GROUP BY s.uid)
     SELECT CASE WHEN grouping(c.decp_format) = 1 THEN 'all' ELSE CAST(c.decp_format AS VARCHAR) END AS scope,
            count(*) AS contracts, coalesce(sum(a), 0) AS amount, ${figures.join(", ")}
     FROM (SELECT *, CASE WHEN NOT montant_suspect THEN montant END AS a FROM contracts) c
     LEFT JOIN p ON p.uid = c.uid
     GROUP BY GROUPING SETS ((c.decp_format), ())
     ORDER BY grouping(c.decp_format) DESC, scope`,
  );
  return rows.map((row) => ({
    scope: String(row.scope),
    contracts: Number(row.contracts),
    amount: Number(row.amount),
    covered: Object.fromEntries(
      COVERAGE_ITEMS.map((item) => [
        item,
        { contracts: Number(row[`${item}_contracts`]), amount: Number(row[`${item}_amount`]) },
      ]),
    ) as CoverageRow["covered"],
  }));
}
