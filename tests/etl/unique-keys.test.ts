// The keys of the contract tables are checked once the snapshot is written (they are not declared
// as PRIMARY KEY, which would slow the bulk load): a repeated key fails the build, named.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../lib/duckdb.ts";
import { readSchemaSql, runScript } from "../../etl/load/sql-script.ts";
import { checkUniqueKeys, UNIQUE_KEYS } from "../../etl/load/unique-keys.ts";

let db: Database;
beforeEach(async () => {
  db = await openDatabase(":memory:");
  await runScript(db.connection, readSchemaSql());
});
afterEach(() => db.close());

const contract = (uid: string, position: number) =>
  db.connection.run(
    `INSERT INTO contracts BY NAME SELECT $uid AS uid, 'id' AS id, '21750001600019' AS acheteur_id,
       false AS montant_suspect, 1 AS titulaires_count, 1 AS titulaires_siret_count,
       0 AS modifications_count, 'v2' AS decp_format, 'test.json' AS source, $position AS source_position`,
    { uid, position },
  );
const supplier = (uid: string, position: number) =>
  db.connection.run(
    "INSERT INTO contract_suppliers BY NAME SELECT $uid AS uid, $position AS position",
    { uid, position },
  );

describe("checkUniqueKeys", () => {
  it("covers every table of contracts and concessions", () => {
    expect(Object.keys(UNIQUE_KEYS).sort()).toEqual(
      [
        "concession_execution",
        "concession_holders",
        "concession_modifications",
        "concessions",
        "contract_modifications",
        "contract_suppliers",
        "contracts",
        "subcontracting_acts",
        // what a tabular feed publishes beside the DECP (etl/tabular/)
        "feed_contracts",
        "feed_titulaires",
      ].sort(),
    );
  });

  it("accepts distinct keys: one contract, several suppliers at different positions", async () => {
    await contract("A-1", 0);
    await contract("A-2", 1);
    await supplier("A-1", 0);
    await supplier("A-1", 1);
    await supplier("A-2", 0);
    await expect(checkUniqueKeys(db.connection)).resolves.toBeUndefined();
  });

  it("fails on a contract written twice, naming the table, the key and the value", async () => {
    await contract("A-1", 0);
    await contract("A-1", 5);
    await expect(checkUniqueKeys(db.connection)).rejects.toThrow(
      'contracts: the key (uid) is not unique: {"uid":"A-1"} appears 2 times',
    );
  });

  it("fails on a supplier position written twice", async () => {
    await supplier("A-1", 0);
    await supplier("A-1", 0);
    await expect(checkUniqueKeys(db.connection)).rejects.toThrow(
      /contract_suppliers: the key \(uid, position\) is not unique: .*"A-1".* appears 2 times/,
    );
  });
});
