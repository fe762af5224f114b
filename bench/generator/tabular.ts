// A national-size SYNTHETIC consolidated tabular DECP (decp.info's table, Parquet or CSV): the
// same seeded 2024-format contracts as the JSON generator, written as decp.info writes them (one
// row per version × titulaire, decp-info-rows.ts) with the feed's names and enrichment columns
// filled from the generator's pools. decp.info holds one contract per uid, so no republication.
import { Random } from "./random.ts";
import { makeRecord, type Pools } from "./make-record.ts";
import type { Json } from "./templates.ts";
import { decpInfoRows, type Row } from "./decp-info-rows.ts";
import { writeTabular, type TabularFormat } from "./write-tabular.ts";

const CATEGORIES = ["PME", "PME", "PME", "ETI", "GE"];
const PRODUCERS = [
  "pes_marche_2024",
  "aws_marches-publics.info",
  "megalis_bretagne",
  "atexo_mutualise",
];
const BATCH = 5_000;

/** A département code and its région, stable for an identifier (buyers and titulaires stay put). */
function place(siret: string): { departement: string; region: string } {
  const n = Number(siret.slice(-4)) % 95;
  const departement = String(n + 1).padStart(2, "0");
  return { departement, region: String(11 + (n % 18)).padStart(2, "0") };
}

function* rowBatches(
  random: Random,
  templates: Json[],
  pools: Pools,
  contracts: number,
): Generator<Row[]> {
  let batch: Row[] = [];
  for (let i = 0; i < contracts; i++) {
    const record = makeRecord(random, random.pick(templates), "v2", i, pools);
    const buyer = String((record.acheteur as Json).id);
    const at = place(buyer);
    const extra: Row = {
      acheteur_nom: `Acheteur synthétique ${buyer.slice(-5)}`,
      acheteur_departement_code: at.departement,
      acheteur_region_code: at.region,
      acheteur_categorie: random.chance(0.6) ? "Commune" : "Établissement public",
      sourceDataset: random.pick(PRODUCERS),
    };
    for (const row of decpInfoRows(record, extra)) {
      const id = typeof row.titulaire_id === "string" ? row.titulaire_id.replace(/\s/g, "") : "";
      if (id !== "") {
        const their = place(id);
        row.titulaire_nom = `Entreprise synthétique ${id.slice(-6)}`;
        row.titulaire_categorie = CATEGORIES[Number(id.slice(-2)) % CATEGORIES.length];
        row.titulaire_departement_code = their.departement;
        row.titulaire_region_code = their.region;
        row.titulaire_distance = Math.abs(Number(their.departement) - Number(at.departement)) * 37;
      }
      batch.push(row);
    }
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export async function generateTabular(options: {
  random: Random;
  templates: Json[];
  pools: Pools;
  contracts: number;
  format: TabularFormat;
  out: string;
  meta: Record<string, unknown>;
}): Promise<{ rows: number }> {
  const batches = rowBatches(options.random, options.templates, options.pools, options.contracts);
  return writeTabular(batches, options.out, options.format, options.meta);
}
