// A buyer among its peers (peer-groups.ts), per indicator for one year: the buyer's value, the
// peers' quartiles, the national value and the ranking. The peers are the OTHER buyers of the
// group: the buyer is not counted in the quartiles it is read against (Lyon's 2019 « Pairs
// comptés 16 » counted Lyon), while its rank is among every buyer ranked, itself included
// (« 14 sur 16 »), as a benchmark reads. The engine compiles the indicator by
// buyer for the year; DuckDB then keeps the peers (same type, at least min N contracts in the
// figure, a placeholder id such as 00000000000000 never: lib/party-ids.ts) and computes the
// quartiles and the ranking over that SQL. The engine's text holds only placeholders; the type,
// min N, the placeholder rule and the buyer are bound after its parameters.
import {
  compileIndicator,
  runIndicator,
  summarise,
  type IndicatorDefinition,
} from "../../indicators/index.ts";
import type { Row } from "../../lib/duckdb.ts";
import { PLACEHOLDER_PARTY_ID } from "../../lib/party-ids.ts";
import { notApplicableReason, type BuyerFields } from "../../indicators/plans/applies.ts";
import type { PeerIndicator } from "../api-types.ts";
import type { Snapshot } from "../db.ts";
import type { AppDeps } from "../deps.ts";

export interface PeerRequest {
  siret: string;
  type: string;
  year: number;
  /** Overrides each indicator's own minimum N. */
  minN: number | null;
  /** The buyer's model fields (type, département), for whether the indicator applies to it. */
  buyer: BuyerFields;
}

/** Single-valued indicators that can be computed per buyer. */
export function comparable(definition: IndicatorDefinition): boolean {
  return (
    summarise(definition).shape === "single" &&
    definition.breakdowns.includes("acheteur_id") &&
    definition.filters.includes("year")
  );
}

export async function peerIndicator(
  snapshot: Snapshot,
  deps: Pick<AppDeps, "catalogue">,
  definition: IndicatorDefinition,
  request: PeerRequest,
): Promise<PeerIndicator> {
  const yearFilter = { dimension: "year", op: "eq", values: [request.year] };
  const { query } = compileIndicator(
    definition,
    { by: ["acheteur_id"], filters: [yearFilter] },
    { model: deps.catalogue.model },
  );
  const k = query.params.length;
  const minN = request.minN ?? definition.min_n;
  const higherFirst = definition.polarity !== "lower_is_better";
  const peers = `WITH r AS (${query.sql}),
    p AS (
      SELECT r.acheteur_id AS siret, b.nom, r.value, r.n,
             rank() OVER (ORDER BY r.value ${higherFirst ? "DESC" : "ASC"}) AS rank
        FROM r JOIN buyers b ON b.acheteur_id = r.acheteur_id
       WHERE b.type_acheteur = $${k + 1} AND r.value IS NOT NULL AND r.n >= $${k + 2}
         AND NOT regexp_full_match(r.acheteur_id, $${k + 3})
    )`;
  const params = [...query.params, request.type, minN, PLACEHOLDER_PARTY_ID, request.siret];
  const [stats] = await snapshot.query(
    `${peers}
     , o AS (SELECT value FROM p WHERE siret <> $${k + 4})
     SELECT (SELECT count(*) FROM o) AS count,
            (SELECT quantile_cont(value, 0.25) FROM o) AS q1,
            (SELECT quantile_cont(value, 0.5) FROM o) AS median,
            (SELECT quantile_cont(value, 0.75) FROM o) AS q3,
            (SELECT count(*) FROM p) AS ranked,
            (SELECT value FROM r WHERE acheteur_id = $${k + 4}) AS buyer_value,
            (SELECT n FROM r WHERE acheteur_id = $${k + 4}) AS buyer_n,
            (SELECT coverage FROM r WHERE acheteur_id = $${k + 4}) AS buyer_coverage,
            (SELECT rank FROM p WHERE siret = $${k + 4}) AS buyer_rank`,
    params,
  );
  const ranking = await snapshot.query(
    `${peers} SELECT rank, siret, nom, value, n FROM p ORDER BY rank, siret`,
    params.slice(0, k + 3),
  );
  const national = await runIndicator(
    snapshot.connection,
    definition,
    { filters: [yearFilter] },
    { model: deps.catalogue.model },
  );
  const whole = national.rows[0];
  return {
    indicator: definition.id,
    title: definition.title,
    format: definition.format,
    polarity: definition.polarity,
    min_n: minN,
    not_applicable: notApplicableReason(
      definition,
      deps.catalogue.model,
      request.buyer,
      request.year,
    ),
    buyer:
      stats?.buyer_n === null || stats?.buyer_n === undefined
        ? null
        : {
            value: numberOrNull(stats.buyer_value),
            n: Number(stats.buyer_n),
            coverage: numberOrNull(stats.buyer_coverage),
            rank: stats.buyer_rank === null ? null : Number(stats.buyer_rank),
            rank_among: stats.buyer_rank === null ? null : Number(stats.ranked),
          },
    peers: {
      count: Number(stats?.count ?? 0),
      q1: numberOrNull(stats?.q1),
      median: numberOrNull(stats?.median),
      q3: numberOrNull(stats?.q3),
    },
    national: {
      value: whole?.value ?? null,
      n: whole?.n ?? 0,
      coverage: whole?.coverage ?? null,
    },
    ranking: ranking.map(ranked),
  };
}

function ranked(row: Row): PeerIndicator["ranking"][number] {
  return {
    rank: Number(row.rank),
    siret: String(row.siret),
    nom: typeof row.nom === "string" ? row.nom : null,
    value: Number(row.value),
    n: Number(row.n),
  };
}

function numberOrNull(value: Row[string] | undefined): number | null {
  return typeof value === "number" ? value : null;
}
