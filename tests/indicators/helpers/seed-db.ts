// Test databases: the canonical schema (etl/sql/schema.sql and schema-reference.sql) filled with
// hand-written rows from a YAML seed file, so counting rules can be checked against figures worked
// out by hand.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { listValue, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import { parse } from "yaml";
import { openDatabase, type Database } from "../../../lib/duckdb.ts";
import { partyIdentity } from "../../../etl/normalise/siret.ts";
import { readSchemaSql } from "../../../etl/load/sql-script.ts";
import { enrichContracts } from "../../../etl/reference/enrich-contracts.ts";

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

export const SEED_FILE = root("tests/fixtures/indicators/seed.yaml");

export interface SupplierSeed {
  type: string | null;
  id: string | null;
}

export type ContractSeed = Record<string, unknown> & {
  uid: string;
  acheteur_id: string;
  decp_format: string;
  suppliers?: SupplierSeed[];
};

/** What the reference files would say (tables of etl/sql/schema.sql, columns by name). */
export interface WhosWhoSeed {
  buyers?: Record<string, string | null>[];
  organisations?: Record<string, string | boolean | null>[];
  establishments?: Record<string, string | null>[];
}

export interface Seed {
  whos_who?: WhosWhoSeed;
  references?: {
    regions?: { code: string; nom: string }[];
    departements?: { code: string; nom: string; region: string }[];
    cpv_divisions?: { division: string; libelle: string }[];
  };
  contracts: ContractSeed[];
}

export function readSeed(path = SEED_FILE): Seed {
  return parse(readFileSync(path, "utf8")) as Seed;
}

/** A database with the canonical tables, empty. */
export async function createSchemaDatabase(path = ":memory:"): Promise<Database> {
  const db = await openDatabase(path);
  await db.connection.run(readSchemaSql());
  return db;
}

/** The seed written to a database file of its own, closed (for a command that opens it). */
export async function seededDatabaseFile(path: string): Promise<void> {
  const db = await createSchemaDatabase(path);
  await insertSeed(db.connection, readSeed());
  db.close();
}

export async function seededDatabase(seed: Seed = readSeed()): Promise<Database> {
  const db = await createSchemaDatabase();
  await insertSeed(db.connection, seed);
  return db;
}

const LIST_COLUMNS = new Set([
  "considerations_sociales",
  "considerations_environnementales",
  "techniques",
  "modalites_execution",
  "types_prix",
]);

const TYPE_MARCHE = (division: string): string =>
  division === "45"
    ? "travaux"
    : Number(division) < 45 || division === "48"
      ? "fournitures"
      : "services";

export async function insertSeed(connection: DuckDBConnection, seed: Seed): Promise<void> {
  const refs = seed.references ?? {};
  for (const r of refs.regions ?? [])
    await connection.run("INSERT INTO ref_regions VALUES ($1, $2)", [r.code, r.nom]);
  for (const d of refs.departements ?? []) {
    await connection.run("INSERT INTO ref_departements (code, nom, region) VALUES ($1, $2, $3)", [
      d.code,
      d.nom,
      d.region,
    ]);
  }
  for (const c of refs.cpv_divisions ?? []) {
    await connection.run("INSERT INTO ref_cpv_divisions VALUES ($1, $2)", [c.division, c.libelle]);
  }
  for (const [index, contract] of seed.contracts.entries()) {
    await insertContract(connection, contract, index);
  }
  if (seed.whos_who) await insertWhosWho(connection, seed.whos_who);
}

/**
 * The who's who rows, then the ETL's own last step (etl/reference/enrich-contracts.ts): the
 * per-contract columns of the SPASER indicators come from the real rule, not from the seed.
 */
async function insertWhosWho(connection: DuckDBConnection, whosWho: WhosWhoSeed): Promise<void> {
  const tables: [string, Record<string, unknown>[]][] = [
    ["buyers", whosWho.buyers ?? []],
    ["organisations", whosWho.organisations ?? []],
    [
      "establishments",
      (whosWho.establishments ?? []).map((e) => ({ siren: e.siret?.slice(0, 9), ...e })),
    ],
  ];
  for (const [table, rows] of tables) {
    for (const row of rows) {
      const columns = Object.keys(row);
      await connection.run(
        `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`,
        columns.map((column) => (row[column] ?? null) as DuckDBValue),
      );
    }
  }
  const scratch = mkdtempSync(join(tmpdir(), "decp-seed-"));
  try {
    await enrichContracts(connection, scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export async function insertContract(
  connection: DuckDBConnection,
  contract: ContractSeed,
  index = 0,
): Promise<void> {
  const { suppliers = [], ...fields } = contract;
  const identities = suppliers.map((s) => partyIdentity(s.type, s.id));
  const cpv = typeof fields.code_cpv === "string" ? fields.code_cpv : null;
  const row: Record<string, unknown> = {
    id: contract.uid,
    montant_suspect: false,
    montant_modification_ecartee: false,
    modifications_count: 0,
    source: "seed.yaml",
    source_position: index,
    cpv_division: cpv ? cpv.slice(0, 2) : null,
    type_marche: cpv ? TYPE_MARCHE(cpv.slice(0, 2)) : null,
    titulaires_count: suppliers.length,
    // The ETL's one SIRET rule (type, 14 digits, check digit), as the ETL applies it.
    titulaires_siret_count: identities.filter((identity) => identity.siretValid).length,
    ...fields,
  };
  const columns = Object.keys(row);
  const values: DuckDBValue[] = columns.map((column) => {
    const value = row[column];
    if (value === undefined || value === null) return null;
    if (LIST_COLUMNS.has(column)) return listValue((value as string[]).map(String));
    return value as DuckDBValue;
  });
  const placeholders = columns.map((_, i) => `$${i + 1}`).join(", ");
  await connection.run(
    `INSERT INTO contracts (${columns.join(", ")}) VALUES (${placeholders})`,
    values,
  );
  for (const [position, supplier] of suppliers.entries()) {
    const identity = identities[position];
    await connection.run(
      `INSERT INTO contract_suppliers (uid, position, type_identifiant, titulaire_id, siret_valide, entreprise_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [contract.uid, position, identity.type, supplier.id, identity.siretValid, identity.company],
    );
  }
}
