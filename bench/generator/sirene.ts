// SYNTHETIC INSEE SIRENE stocks in the official layouts (StockUniteLegale: 35 columns,
// StockEtablissement: 54, the stocks since December 2025; ../shared/reference/SOURCES.md), as CSV
// or Parquet, at national size (about 25 M legal units, 30 M establishments), to measure the
// who's who at scale. As in reality, most units are unrelated to the DECP, but the stocks hold
// every SIREN and SIRET of the contracts the generator writes for the same --contracts and --seed
// (makePools), so that enrichment finds them. DuckDB writes the rows (COPY from range(), columns
// drawn from a hash of the identifier and the seed): nothing is written row by row in JavaScript.
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../../lib/duckdb.ts";
import { sqlString } from "../../etl/load/sql-script.ts";
import { makePools } from "./make-record.ts";
import { Random } from "./random.ts";

const COG_COMMUNES = fileURLToPath(
  new URL("../../data/reference/cog2024-communes.csv", import.meta.url),
);

export type SireneFormat = "csv" | "parquet";

export interface SireneOptions {
  /** The DECP generated with these contracts and seed: their SIRENs and SIRETs are in the stocks. */
  contracts: number;
  seed: number;
  legalUnits: number;
  establishments: number;
  format: SireneFormat;
  outDir: string;
}

export interface SireneFiles {
  unitesLegales: string;
  etablissements: string;
  /** Units and establishments of the DECP among them. */
  decpUnits: number;
  decpEstablishments: number;
}

const UL_COLUMNS = [
  "siren", "statutDiffusionUniteLegale", "unitePurgeeUniteLegale", "dateCreationUniteLegale",
  "sigleUniteLegale", "sexeUniteLegale", "prenom1UniteLegale", "prenom2UniteLegale",
  "prenom3UniteLegale", "prenom4UniteLegale", "prenomUsuelUniteLegale", "pseudonymeUniteLegale",
  "identifiantAssociationUniteLegale", "trancheEffectifsUniteLegale", "anneeEffectifsUniteLegale",
  "dateDernierTraitementUniteLegale", "nombrePeriodesUniteLegale", "categorieEntreprise",
  "anneeCategorieEntreprise", "dateDebut", "etatAdministratifUniteLegale", "nomUniteLegale",
  "nomUsageUniteLegale", "denominationUniteLegale", "denominationUsuelle1UniteLegale",
  "denominationUsuelle2UniteLegale", "denominationUsuelle3UniteLegale",
  "categorieJuridiqueUniteLegale", "activitePrincipaleUniteLegale",
  "nomenclatureActivitePrincipaleUniteLegale", "nicSiegeUniteLegale",
  "economieSocialeSolidaireUniteLegale", "societeMissionUniteLegale",
  "caractereEmployeurUniteLegale", "activitePrincipaleNAF25UniteLegale",
]; // prettier-ignore

const ETAB_COLUMNS = [
  "siren", "nic", "siret", "statutDiffusionEtablissement", "dateCreationEtablissement",
  "trancheEffectifsEtablissement", "anneeEffectifsEtablissement",
  "activitePrincipaleRegistreMetiersEtablissement", "dateDernierTraitementEtablissement",
  "etablissementSiege", "nombrePeriodesEtablissement", "complementAdresseEtablissement",
  "numeroVoieEtablissement", "indiceRepetitionEtablissement", "dernierNumeroVoieEtablissement",
  "indiceRepetitionDernierNumeroVoieEtablissement", "typeVoieEtablissement",
  "libelleVoieEtablissement", "codePostalEtablissement", "libelleCommuneEtablissement",
  "libelleCommuneEtrangerEtablissement", "distributionSpecialeEtablissement",
  "codeCommuneEtablissement", "codeCedexEtablissement", "libelleCedexEtablissement",
  "codePaysEtrangerEtablissement", "libellePaysEtrangerEtablissement",
  "identifiantAdresseEtablissement", "coordonneeLambertAbscisseEtablissement",
  "coordonneeLambertOrdonneeEtablissement", "complementAdresse2Etablissement",
  "numeroVoie2Etablissement", "indiceRepetition2Etablissement", "typeVoie2Etablissement",
  "libelleVoie2Etablissement", "codePostal2Etablissement", "libelleCommune2Etablissement",
  "libelleCommuneEtranger2Etablissement", "distributionSpeciale2Etablissement",
  "codeCommune2Etablissement", "codeCedex2Etablissement", "libelleCedex2Etablissement",
  "codePaysEtranger2Etablissement", "libellePaysEtranger2Etablissement", "dateDebut",
  "etatAdministratifEtablissement", "enseigne1Etablissement", "enseigne2Etablissement",
  "enseigne3Etablissement", "denominationUsuelleEtablissement", "activitePrincipaleEtablissement",
  "nomenclatureActivitePrincipaleEtablissement", "caractereEmployeurEtablissement",
  "activitePrincipaleNAF25Etablissement",
]; // prettier-ignore

// One value drawn from a list by a hash of the row's identifier, the seed and the column.
const pick = (values: string[], column: string) =>
  `[${values.map((v) => `'${v}'`).join(", ")}][(1 + hash(k.id, s.seed, '${column}') % ${values.length})::BIGINT]`;
const chance = (share: number, column: string) =>
  `hash(k.id, s.seed, '${column}') % 1000 < ${Math.round(share * 1000)}`;
const day = (from: string, days: number, column: string) =>
  `strftime(DATE '${from}' + (hash(k.id, s.seed, '${column}') % ${days})::INTEGER, '%Y-%m-%d')`;

const NAF = ["43.21A", "41.20A", "71.12B", "62.02A", "81.21Z", "49.41A", "56.10A", "86.21Z", "47.11F", "68.20A", "70.22Z", "43.99C"]; // prettier-ignore
const PUBLIC = ["7210", "7220", "7230", "7346", "7348", "7344", "7364", "7371", "7379", "4110"];
const PRIVATE = ["5710", "5710", "5499", "5499", "5720", "1000", "9220", "5485", "6540"];
const FIRST_NAMES = ["MARIE", "JEAN", "PIERRE", "ANNE", "MICHEL", "NATHALIE", "PHILIPPE", "ISABELLE"]; // prettier-ignore
const SURNAMES = ["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "PETIT", "DURAND", "LEROY"];

const UNIT_VALUES: Record<string, string> = {
  siren: "k.id",
  statutDiffusionUniteLegale: `CASE WHEN ${chance(0.97, "diff")} THEN 'O' ELSE 'P' END`,
  dateCreationUniteLegale: day("1950-01-01", 27000, "created"),
  sexeUniteLegale: `CASE WHEN k.cj = '1000' THEN ${pick(["M", "F"], "sex")} END`,
  prenom1UniteLegale: `CASE WHEN k.cj = '1000' THEN ${pick(FIRST_NAMES, "first")} END`,
  prenomUsuelUniteLegale: `CASE WHEN k.cj = '1000' THEN ${pick(FIRST_NAMES, "first")} END`,
  trancheEffectifsUniteLegale: pick(["NN", "00", "01", "02", "03", "11", "12", "21", "22", "31"], "size"), // prettier-ignore
  anneeEffectifsUniteLegale: "'2023'",
  dateDernierTraitementUniteLegale: `${day("2015-01-01", 3900, "treated")} || 'T05:00:00'`,
  nombrePeriodesUniteLegale: "(1 + hash(k.id, s.seed, 'periods') % 6)::VARCHAR",
  categorieEntreprise: `CASE WHEN ${chance(0.9, "hascat")} THEN ${pick(["PME", "PME", "PME", "PME", "PME", "PME", "ETI", "GE"], "cat")} END`, // prettier-ignore
  anneeCategorieEntreprise: `CASE WHEN ${chance(0.9, "hascat")} THEN '2023' END`,
  dateDebut: day("2008-01-01", 6000, "debut"),
  etatAdministratifUniteLegale: `CASE WHEN ${chance(0.6, "active")} OR k.decp THEN 'A' ELSE 'C' END`,
  nomUniteLegale: `CASE WHEN k.cj = '1000' THEN ${pick(SURNAMES, "surname")} END`,
  denominationUniteLegale: `CASE WHEN k.cj <> '1000' THEN 'SOCIETE SYNTHETIQUE ' || k.id END`,
  categorieJuridiqueUniteLegale: "k.cj",
  activitePrincipaleUniteLegale: pick(NAF, "naf"),
  nomenclatureActivitePrincipaleUniteLegale: "'NAFRev2'",
  nicSiegeUniteLegale: "k.nic",
  economieSocialeSolidaireUniteLegale: `CASE WHEN ${chance(0.05, "ess")} THEN 'O' ELSE 'N' END`,
  societeMissionUniteLegale: "'N'",
  caractereEmployeurUniteLegale: pick(["O", "N"], "employer"),
  activitePrincipaleNAF25UniteLegale: pick(NAF, "naf"),
};

const ESTABLISHMENT_VALUES: Record<string, string> = {
  siren: "left(k.id, 9)",
  nic: "right(k.id, 5)",
  siret: "k.id",
  statutDiffusionEtablissement: "'O'",
  dateCreationEtablissement: day("1970-01-01", 20000, "created"),
  trancheEffectifsEtablissement: pick(["NN", "00", "01", "02", "03", "11", "12"], "size"),
  anneeEffectifsEtablissement: "'2023'",
  dateDernierTraitementEtablissement: `${day("2015-01-01", 3900, "treated")} || 'T05:00:00'`,
  etablissementSiege: "CASE WHEN k.siege THEN 'true' ELSE 'false' END",
  nombrePeriodesEtablissement: "(1 + hash(k.id, s.seed, 'periods') % 4)::VARCHAR",
  numeroVoieEtablissement: "(1 + hash(k.id, s.seed, 'number') % 120)::VARCHAR",
  typeVoieEtablissement: pick(["RUE", "AV", "BD", "PL", "CHE", "RTE"], "street"),
  libelleVoieEtablissement: pick(["DE LA REPUBLIQUE", "DU GENERAL DE GAULLE", "DES ECOLES", "DE LA GARE", "JEAN JAURES"], "streetname"), // prettier-ignore
  codePostalEtablissement: "c.dep || '000'",
  libelleCommuneEtablissement: "c.name",
  codeCommuneEtablissement: "c.com",
  dateDebut: day("2008-01-01", 6000, "debut"),
  etatAdministratifEtablissement: `CASE WHEN ${chance(0.55, "active")} OR k.decp THEN 'A' ELSE 'F' END`,
  activitePrincipaleEtablissement: pick(NAF, "naf"),
  nomenclatureActivitePrincipaleEtablissement: "'NAFRev2'",
  caractereEmployeurEtablissement: pick(["O", "N"], "employer"),
  activitePrincipaleNAF25Etablissement: pick(NAF, "naf"),
};

function selectSql(columns: string[], values: Record<string, string>): string {
  return columns.map((c) => `${values[c] ?? "NULL::VARCHAR"} AS "${c}"`).join(",\n  ");
}

export async function generateSirene(options: SireneOptions): Promise<SireneFiles> {
  const pools = makePools(new Random(options.seed), options.contracts);
  await mkdir(options.outDir, { recursive: true });
  const ext = options.format === "csv" ? "csv" : "parquet";
  const files = {
    unitesLegales: join(options.outDir, `StockUniteLegale_utf8.${ext}`),
    etablissements: join(options.outDir, `StockEtablissement_utf8.${ext}`),
  };
  const dbPath = join(options.outDir, ".sirene-generator.duckdb");
  await rm(dbPath, { force: true });
  const db = await openDatabase(dbPath);
  const { connection } = db;
  try {
    await connection.run("SET memory_limit = '1GB'");
    await connection.run("CREATE TABLE decp (siret VARCHAR, buyer BOOLEAN)");
    const appender = await connection.createAppender("decp");
    for (const [list, buyer] of [
      [pools.buyers, true],
      [pools.suppliers, false],
    ] as const) {
      for (const siret of list) {
        appender.appendVarchar(siret);
        appender.appendBoolean(buyer);
        appender.endRow();
      }
    }
    appender.closeSync();
    // Communes drawn from the COG, for the establishments' places.
    await connection.run(
      `CREATE TABLE communes AS
       SELECT row_number() OVER (ORDER BY COM) - 1 AS n, COM AS com, DEP AS dep, NCC AS name
       FROM read_csv($cog, header = true, all_varchar = true) WHERE TYPECOM = 'COM'`,
      { cog: COG_COMMUNES },
    );
    await connection.run(
      `CREATE TABLE settings AS
       SELECT $seed::BIGINT AS seed, (SELECT count(*) FROM communes) AS communes,
              (SELECT count(DISTINCT left(siret, 9)) FROM decp) AS decp_units,
              (SELECT count(DISTINCT siret) FROM decp) AS decp_sirets`,
      { seed: options.seed },
    );
    const [counts] = (
      await connection.runAndReadAll("SELECT decp_units, decp_sirets FROM settings")
    ).getRows();
    const decpUnits = Number(counts[0]);
    const decpEstablishments = Number(counts[1]);
    const others = Math.max(0, options.legalUnits - decpUnits);
    // Units: those of the DECP (public legal categories for buyers), then unrelated ones whose
    // SIRENs start with 1 (the generator's buyers start with 2, its suppliers with 8).
    await connection.run(
      `CREATE TABLE unit_keys AS
       SELECT left(siret, 9) AS id, true AS decp, bool_or(buyer) AS buyer, right(min(siret), 5) AS nic
       FROM decp GROUP BY left(siret, 9)
       UNION ALL
       SELECT '1' || lpad(range::VARCHAR, 8, '0'), false, false, '00012' FROM range($others)`,
      { others },
    );
    await connection.run(
      `COPY (SELECT ${selectSql(UL_COLUMNS, UNIT_VALUES)}
             FROM (SELECT k.*, CASE WHEN k.buyer THEN ${pick(PUBLIC, "cj")} ELSE ${pick(PRIVATE, "cj")} END AS cj
                   FROM unit_keys k CROSS JOIN settings s) k
             CROSS JOIN settings s)
       TO ${sqlString(files.unitesLegales)} ${copyOptions(options.format)}`,
    );
    // Establishments: every SIRET of the DECP, then the unrelated units' sièges (nic 00012) and,
    // while more are wanted, second, third… establishments of the first units.
    const extra = Math.max(0, options.establishments - decpEstablishments);
    await connection.run(
      `CREATE TABLE etab_keys AS
       SELECT DISTINCT siret AS id, true AS decp, false AS siege FROM decp
       UNION ALL
       SELECT '1' || lpad((range % $units)::VARCHAR, 8, '0') || lpad((12 + 7 * (range // $units))::VARCHAR, 5, '0'),
              false, range < $units
       FROM range($extra)`,
      { units: Math.max(1, others), extra },
    );
    await connection.run(
      `COPY (SELECT ${selectSql(ETAB_COLUMNS, ESTABLISHMENT_VALUES)}
             FROM (SELECT k.*, hash(k.id, s.seed, 'commune') % s.communes AS commune
                   FROM etab_keys k CROSS JOIN settings s) k
             CROSS JOIN settings s JOIN communes c ON c.n = k.commune)
       TO ${sqlString(files.etablissements)} ${copyOptions(options.format)}`,
    );
    return { ...files, decpUnits, decpEstablishments };
  } finally {
    db.close();
    await rm(dbPath, { force: true });
    await rm(`${dbPath}.wal`, { force: true });
  }
}

function copyOptions(format: SireneFormat): string {
  return format === "csv"
    ? "(FORMAT CSV, HEADER true, DELIMITER ',')"
    : "(FORMAT PARQUET, COMPRESSION zstd, ROW_GROUP_SIZE 122880)";
}
