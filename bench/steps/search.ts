// The name search step: what a reader waits for when typing in the search page or the buyer
// field, on the real server (serve.ts, answer cache off) over a national-size snapshot. The texts
// are taken from the snapshot itself, as readers type them: the first three words of the busiest
// buyers' and titulaires' names, « mairie de » and a commune, the start of an identifier, and the
// commonest words of the names, each finding thousands (the worst case: every match is ranked).
import { fileURLToPath } from "node:url";
import { openDatabase, queryRows } from "../../lib/duckdb.ts";
import { start } from "./child.ts";
import { percentile } from "./requests.ts";

const SERVE = fileURLToPath(new URL("serve.ts", import.meta.url));

export interface SearchFamily {
  family: string;
  requests: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  /** Median number of parties an answer listed (at most the request's limit, 20). */
  found_median: number;
}

export interface SearchFigures {
  names: {
    buyers: number;
    titulaires: number;
    published_buyer_rows: number;
    published_titulaire_rows: number;
  };
  families: SearchFamily[];
}

interface Typed {
  family: string;
  path: string;
}

const words = (name: string, n: number) => name.toLowerCase().split(/\s+/).slice(0, n).join(" ");
const q = (text: string) => encodeURIComponent(text);

/** The texts typed, from the snapshot: busiest parties first, ids cut to their first 6 digits. */
async function typedTexts(
  dbPath: string,
): Promise<{ typed: Typed[]; names: SearchFigures["names"] }> {
  const db = await openDatabase(dbPath, { readOnly: true });
  try {
    const read = (sql: string) => queryRows(db.connection, sql);
    const [counts] = await read(
      `SELECT (SELECT count(*) FROM buyers) AS buyers, (SELECT count(*) FROM titulaires) AS titulaires,
              (SELECT count(*) FROM contracts) AS published_buyer_rows,
              (SELECT count(*) FROM contract_suppliers) AS published_titulaire_rows`,
    );
    const buyers = await read(
      `SELECT b.acheteur_id AS id, b.nom FROM buyers b JOIN contracts c USING (acheteur_id)
        WHERE b.nom IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 20`,
    );
    const communes = await read(
      `SELECT DISTINCT regexp_extract(nom, '^Commune (d(e |''|u |es ).+)$', 1) AS place FROM buyers
        WHERE regexp_matches(nom, '^Commune d(e |''|u |es )') ORDER BY 1 LIMIT 10`,
    );
    const titulaires = await read(
      `SELECT t.titulaire_id AS id, t.nom FROM titulaires t JOIN contract_suppliers s USING (titulaire_id)
        WHERE t.nom IS NOT NULL AND regexp_full_match(t.titulaire_id, '\\d{14}')
        GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 20`,
    );
    // The three commonest words of the buyers' and of the titulaires' names: each finds thousands.
    const frequent = await read(
      `WITH words AS (
         SELECT 'buyers' AS kind, unnest(string_split(lower(nom), ' ')) AS word FROM buyers
         UNION ALL SELECT 'titulaires', unnest(string_split(lower(nom), ' ')) FROM titulaires
       ), counted AS (
         SELECT kind, word, count(*) AS n FROM words WHERE length(word) >= 3 GROUP BY kind, word
       )
       SELECT kind, word FROM counted
       QUALIFY row_number() OVER (PARTITION BY kind ORDER BY n DESC, word) <= 3
       ORDER BY kind, n DESC`,
    );
    const typed: Typed[] = [
      ...buyers.map((b) => ({
        family: "acheteurs, par nom",
        path: `/api/buyers?q=${q(words(String(b.nom), 3))}`,
      })),
      ...communes.map((c) => ({
        family: "acheteurs, « mairie de … »",
        path: `/api/buyers?q=${q(`mairie ${String(c.place)}`)}`,
      })),
      ...buyers.slice(0, 10).map((b) => ({
        family: "acheteurs, début du SIRET",
        path: `/api/buyers?q=${String(b.id).slice(0, 6)}`,
      })),
      ...titulaires.map((t) => ({
        family: "titulaires, par nom",
        path: `/api/suppliers?q=${q(words(String(t.nom), 3))}`,
      })),
      ...titulaires.slice(0, 10).map((t) => ({
        family: "titulaires, début du SIRET",
        path: `/api/suppliers?q=${String(t.id).slice(0, 6)}`,
      })),
      ...frequent.map((w) => ({
        family: "le mot le plus fréquent des noms",
        path: `/api/${w.kind === "buyers" ? "buyers" : "suppliers"}?q=${q(String(w.word))}`,
      })),
    ];
    const names = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)]));
    return { typed, names: names as SearchFigures["names"] };
  } finally {
    db.close();
  }
}

export async function measureSearch(
  dbPath: string,
  say: (line: string) => void,
): Promise<SearchFigures> {
  const { typed, names } = await typedTexts(dbPath);
  const server = await start([SERVE, dbPath, "0"]);
  const base = server.firstLine.split(" ")[0];
  try {
    // One request first, unmeasured: the snapshot's first reads from disk are not a reader's wait.
    await fetch(`${base}/api/buyers?q=commune`).then((r) => r.arrayBuffer());
    const timings = new Map<string, { ms: number[]; found: number[] }>();
    for (const { family, path } of typed) {
      const started = performance.now();
      const response = await fetch(`${base}${path}`);
      const body = (await response.json()) as { buyers?: unknown[]; suppliers?: unknown[] };
      const ms = performance.now() - started;
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      const entry = timings.get(family) ?? { ms: [], found: [] };
      entry.ms.push(ms);
      entry.found.push((body.buyers ?? body.suppliers ?? []).length);
      timings.set(family, entry);
    }
    say(`name search: ${typed.length} requests`);
    const families = [...timings].map(([family, { ms, found }]) => ({
      family,
      requests: ms.length,
      p50_ms: Math.round(percentile(ms, 50)),
      p95_ms: Math.round(percentile(ms, 95)),
      max_ms: Math.round(Math.max(...ms)),
      found_median: percentile(found, 50),
    }));
    return { names, families };
  } finally {
    await server.stop();
  }
}

/** The step's lines of results.md. */
export function searchLines(s: SearchFigures): string[] {
  const n = (x: number) => x.toLocaleString("en-US");
  return [
    `Names searched: ${n(s.names.buyers)} buyers and ${n(s.names.titulaires)} titulaires in the who's who, ${n(s.names.published_buyer_rows)} published buyer names and ${n(s.names.published_titulaire_rows)} published titulaire names (one per contract and per titulaire of a contract).`,
    "",
    "| typed | requests | p50 | p95 | max | parties listed (median) |",
    "|---|---|---|---|---|---|",
    ...s.families.map(
      (f) =>
        `| ${f.family} | ${f.requests} | ${f.p50_ms} ms | ${f.p95_ms} ms | ${f.max_ms} ms | ${f.found_median} |`,
    ),
  ];
}
