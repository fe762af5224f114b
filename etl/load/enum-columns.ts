// Low-cardinality columns stored as ENUM types: grouping by région or filtering on the format then
// compares small integers instead of strings (nationally, a count by région went from 25 to 6 ms
// and a share of contracts with a social consideration by région from 73 to 38 ms). Each type's
// values come from the reference tables or from the ETL's own vocabulary, so a value outside it
// cannot be loaded: the build fails, naming it, instead of storing it.
import type { DuckDBConnection } from "@duckdb/node-api";
import { DECP_FORMATS } from "../normalise/format.ts";
import { ENVIRONMENTAL_CONSIDERATIONS, SOCIAL_CONSIDERATIONS } from "../../lib/vocabulary.ts";

interface EnumType {
  name: string;
  /** A query giving the values (from the reference tables), or the vocabulary's codes. */
  values: string | readonly string[];
  /** [table, column, list of values?] */
  columns: [string, string, boolean][];
}

const BOTH = (column: string, list = false): [string, string, boolean][] => [
  ["contracts", column, list],
  ["concessions", column, list],
];

export const ENUM_TYPES: EnumType[] = [
  { name: "region_code", values: "SELECT code FROM ref_regions", columns: BOTH("region") },
  {
    name: "departement_code",
    values: "SELECT code FROM ref_departements",
    columns: BOTH("departement"),
  },
  { name: "decp_format_code", values: DECP_FORMATS, columns: BOTH("decp_format") },
  {
    name: "social_consideration_code",
    values: SOCIAL_CONSIDERATIONS.map((entry) => entry.code),
    columns: BOTH("considerations_sociales", true),
  },
  {
    name: "environmental_consideration_code",
    values: ENVIRONMENTAL_CONSIDERATIONS.map((entry) => entry.code),
    columns: BOTH("considerations_environnementales", true),
  },
];

/** Creates the types and gives them to the (still empty) canonical tables. */
export async function applyEnumTypes(connection: DuckDBConnection): Promise<void> {
  // Every type's values are gathered in one table first, so that each type is made the same way.
  await connection.run("CREATE TEMP TABLE enum_values (type VARCHAR, value VARCHAR)");
  for (const type of ENUM_TYPES) {
    const bound = { type: type.name };
    if (typeof type.values === "string") {
      await connection.run(
        `INSERT INTO enum_values SELECT DISTINCT $type, code FROM (${type.values})`,
        bound,
      );
    } else {
      for (const value of type.values) {
        await connection.run("INSERT INTO enum_values VALUES ($type, $value)", { ...bound, value });
      }
    }
    // Sorted values: ORDER BY on the column gives the same order as on the text.
    await connection.run(
      `CREATE TYPE ${type.name} AS ENUM (SELECT value FROM enum_values WHERE type = $type ORDER BY value)`,
      bound,
    );
    for (const [table, column, list] of type.columns) {
      await connection.run(
        `ALTER TABLE ${table} ALTER ${column} SET DATA TYPE ${type.name}${list ? "[]" : ""}`,
      );
    }
  }
}
