// The columns each kind of reference file gives, chosen by their published names: for every
// target column, the expressions to try in order (the first whose source columns all exist wins),
// so that the 33-, 34- and 35-column StockUniteLegale, the older StockEtablissement headers, the
// MINEF decp-augmente caches and INSEE's Parquet files all load. Column names come only from
// these lists (never from a file), and are quoted.
import type { ReferenceKind } from "./kinds.ts";

/** One way to compute a target column: the source columns it needs and the SQL built from them. */
export interface Candidate {
  needs: string[];
  sql: (col: (name: string) => string) => string;
}

export interface Layout {
  /** Staging table (temporary) the rows go to. */
  table: string;
  /** The key joined with the DECP identifiers (semi-join), or null for a whole list. */
  key: { column: string; wanted: "siren" | "siret" } | null;
  columns: Record<string, Candidate[]>;
}

const plain = (name: string): Candidate => ({ needs: [name], sql: (col) => col(name) });

export const LAYOUTS: Record<Exclude<ReferenceKind, "legal_categories">, Layout> = {
  sirene_unites_legales: {
    table: "src_unites_legales",
    key: { column: "siren", wanted: "siren" },
    columns: {
      siren: [
        plain("siren"),
        // decp-augmente cache: the siège SIRET of the unit; its first 9 digits are the SIREN.
        { needs: ["siretEtablissement"], sql: (col) => `left(${col("siretEtablissement")}, 9)` },
      ],
      denomination: [plain("denominationUniteLegale")],
      // Individual entrepreneurs: their name only when the unit is fully public (statut O).
      personne: [
        {
          needs: ["statutDiffusionUniteLegale", "nomUniteLegale", "prenom1UniteLegale"],
          sql: (col) =>
            `CASE WHEN ${col("statutDiffusionUniteLegale")} = 'O' THEN nullif(concat_ws(' ', ${col("prenom1UniteLegale")}, ${col("nomUniteLegale")}), '') END`,
        },
      ],
      categorie_juridique: [plain("categorieJuridiqueUniteLegale")],
      categorie_entreprise: [plain("categorieEntreprise")],
      categorie_entreprise_annee: [plain("anneeCategorieEntreprise")],
      ess: [plain("economieSocialeSolidaireUniteLegale")],
      naf: [plain("activitePrincipaleUniteLegale")],
      etat: [plain("etatAdministratifUniteLegale")],
    },
  },
  sirene_etablissements: {
    table: "src_etablissements",
    key: { column: "siret", wanted: "siret" },
    columns: {
      siret: [
        plain("siret"),
        { needs: ["siren", "nic"], sql: (col) => `${col("siren")} || ${col("nic")}` },
      ],
      commune: [plain("codeCommuneEtablissement")],
      naf: [plain("activitePrincipaleEtablissement")],
      etat: [plain("etatAdministratifEtablissement")],
    },
  },
  communes: {
    table: "src_communes",
    key: null,
    columns: {
      siren: [plain("siren")],
      insee: [plain("insee")],
      nom: [plain("nom_com")],
      departement: [plain("dep_com")],
      region: [plain("Reg_com")],
      population: [plain("pmun_2024")],
    },
  },
  epci: {
    table: "src_epci",
    key: null,
    columns: {
      siren: [plain("siren")],
      nom: [plain("raison_sociale")],
      nature: [plain("nature_juridique")],
      departement: [plain("dept")],
      population: [plain("total_pop_mun")],
    },
  },
  departements: {
    table: "src_departements",
    key: null,
    columns: {
      siren: [plain("SIREN")],
      nom: [plain("nom")],
      departement: [plain("COG")],
      region: [plain("code_region")],
    },
  },
  regions: {
    table: "src_regions",
    key: null,
    columns: {
      siren: [plain("SIREN")],
      nom: [plain("nom")],
      region: [plain("COG")],
      // REG for a région, CTU for a collectivité unique (Corse, Guyane, Martinique): what the
      // body is called (etl/sql/enrich.sql).
      type: [plain("type")],
    },
  },
};

/** Staging tables of every kind: rank (order of the file in the run), origin, then the columns. */
export function stagingTableSql(): string[] {
  const tables = Object.values(LAYOUTS).map(
    (layout) =>
      `CREATE TEMP TABLE ${layout.table} (rank INTEGER, origin VARCHAR, ${Object.keys(
        layout.columns,
      )
        .map((c) => `${c} VARCHAR`)
        .join(", ")})`,
  );
  tables.push(
    "CREATE TEMP TABLE src_legal_categories (rank INTEGER, origin VARCHAR, code VARCHAR, libelle VARCHAR)",
  );
  return tables;
}
