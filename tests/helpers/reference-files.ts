// Independent reading of the shipped reference files and raw DECP records, for tests that compare
// the ETL's who's who with a computation of their own: a small RFC 4180 CSV parser and plain
// JavaScript joins, nothing from etl/ or its SQL.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const REFERENCE = join(import.meta.dirname, "..", "..", "data", "reference");
const SAMPLES = join(import.meta.dirname, "..", "..", "data", "samples");

export function readCsv(file: string, delimiter = ","): Record<string, string>[] {
  const text = readFileSync(join(REFERENCE, file), "utf8").replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  const [header, ...body] = rows;
  return body
    .filter((r) => r.length === header.length)
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

export interface RawV2Contract {
  id: string;
  acheteur: string;
  titulaires: string[];
  montant: number | null;
  dateNotification: string | null;
  attributionAvance: boolean | null;
  tauxAvance: number | null;
}

/** The marchés of the shipped 2024-format samples, as published (before deduplication). */
export function rawV2Contracts(): RawV2Contract[] {
  const out: RawV2Contract[] = [];
  for (const name of readdirSync(SAMPLES).filter((n) => n.startsWith("real-v2-"))) {
    const data = JSON.parse(readFileSync(join(SAMPLES, name), "utf8")) as {
      marches: { marche?: Record<string, unknown>[] };
    };
    for (const m of data.marches.marche ?? []) {
      const titulaires = (Array.isArray(m.titulaires) ? m.titulaires : []) as {
        titulaire?: { id?: string };
      }[];
      out.push({
        id: String(m.id),
        acheteur: String((m.acheteur as { id: string }).id),
        titulaires: titulaires.flatMap((t) => (t.titulaire?.id ? [t.titulaire.id] : [])),
        montant: typeof m.montant === "number" ? m.montant : null,
        dateNotification: typeof m.dateNotification === "string" ? m.dateNotification : null,
        attributionAvance: typeof m.attributionAvance === "boolean" ? m.attributionAvance : null,
        tauxAvance: typeof m.tauxAvance === "number" ? m.tauxAvance : null,
      });
    }
  }
  return out;
}

/** SIREN → category (PME, ETI, GE) from the decp-augmente cache (siège SIRET → first 9 digits). */
export function sizeBySiren(): Map<string, string> {
  const map = new Map<string, string>();
  for (const row of readCsv("StockUniteLegale_utf8-sample-2022-trackdechets.csv")) {
    if (["PME", "ETI", "GE"].includes(row.categorieEntreprise)) {
      map.set(row.siren, row.categorieEntreprise);
    }
  }
  for (const row of readCsv("decp-augmente-2022-categorieEntreprise-titulaires.csv")) {
    const siren = row.siretEtablissement.slice(0, 9);
    if (!map.has(siren) && ["PME", "ETI", "GE"].includes(row.categorieEntreprise)) {
      map.set(siren, row.categorieEntreprise);
    }
  }
  return map;
}

/**
 * SIREN → name in the SIRENE legal-unit stock: the denomination, else an individual's first name
 * and name when the unit is fully public (statutDiffusionUniteLegale O).
 */
export function sireneNameBySiren(): Map<string, string> {
  const map = new Map<string, string>();
  for (const row of readCsv("StockUniteLegale_utf8-sample-2022-trackdechets.csv")) {
    const person =
      row.statutDiffusionUniteLegale === "O"
        ? [row.prenom1UniteLegale, row.nomUniteLegale].filter(Boolean).join(" ")
        : "";
    const name = row.denominationUniteLegale || person;
    if (name && !map.has(row.siren)) map.set(row.siren, name);
  }
  return map;
}

/** SIRET → département of the establishment (SIRENE commune → COG 2024). */
export function departementBySiret(): Map<string, string> {
  const communeDep = new Map<string, string>();
  const cog = readCsv("cog2024-communes.csv");
  const byCode = new Map(cog.filter((r) => r.DEP).map((r) => [r.COM, r.DEP]));
  for (const r of cog) {
    const dep = r.DEP || byCode.get(r.COMPARENT);
    if (dep && !communeDep.has(r.COM)) communeDep.set(r.COM, dep);
  }
  const deps = new Set(readCsv("cog2024-departements.csv").map((r) => r.DEP));
  const map = new Map<string, string>();
  for (const row of readCsv("decp-augmente-2022-etablissements-titulaires.csv")) {
    const c = row.codeCommuneEtablissement;
    if (!c) continue;
    const dep =
      communeDep.get(c) ??
      (deps.has(c.slice(0, 2)) && !c.startsWith("97") ? c.slice(0, 2) : undefined) ??
      (deps.has(c.slice(0, 3)) ? c.slice(0, 3) : undefined);
    if (dep) map.set(row.siret, dep);
  }
  return map;
}

/** The tabular samples that publish names or places, with the columns that carry them. */
const FEEDS = [
  {
    file: "real-flat-decp-info-2024H2-travaux-cpv4521.csv",
    delimiter: ",",
    parties: [
      { id: "acheteur_id", nom: "acheteur_nom", dep: "acheteur_departement_code" },
      { id: "titulaire_id", nom: "titulaire_nom", dep: "titulaire_departement_code" },
    ],
  },
  {
    file: "real-flat-region-bretagne-rendu-compte-2021.csv",
    delimiter: "|",
    parties: [
      { id: "acheteur_id", nom: "acheteur_nom", dep: null },
      { id: "titulaires_id", nom: "titulaires_denominationSociale", dep: null },
    ],
  },
];

/**
 * What the tabular samples say of an identifier, buyer or titulaire alike (ids with their spaces
 * removed): a name, and a département when it is one of the COG 2024. Every id there has a single
 * value of each (checked by the caller's figures).
 */
export function feedFacts(): { names: Map<string, string>; departements: Map<string, string> } {
  const deps = new Set(readCsv("cog2024-departements.csv").map((r) => r.DEP));
  const names = new Map<string, string>();
  const departements = new Map<string, string>();
  for (const feed of FEEDS) {
    for (const row of readCsv(join("..", "samples", feed.file), feed.delimiter)) {
      for (const party of feed.parties) {
        const id = row[party.id]?.replace(/\s/g, "");
        if (!id) continue;
        const nom = row[party.nom]?.trim();
        if (nom && !names.has(id)) names.set(id, nom);
        const dep = party.dep ? row[party.dep]?.trim() : undefined;
        if (dep && deps.has(dep) && !departements.has(id)) departements.set(id, dep);
      }
    }
  }
  return { names, departements };
}

/** The COG's TNCC of a town whose article contracts after « de »: Le, Les, Aux. */
const CONTRACTED: Record<string, string> = { "2": "du ", "4": "des ", "6": "des " };

/** Buyer SIREN → { name, département, type } from the collectivités lists. */
export function collectivites(): Map<
  string,
  { nom: string; departement: string | null; type: string }
> {
  const map = new Map<string, { nom: string; departement: string | null; type: string }>();
  // The lists name the territory; the body is « Région Bretagne », « Collectivité de Corse »…
  for (const r of readCsv("datactivist-identifiants-regions-2022.csv")) {
    const nom =
      r.type === "REG"
        ? `Région ${r.nom}`
        : r.COG === "94"
          ? "Collectivité de Corse"
          : `Collectivité territoriale de ${r.nom}`;
    map.set(r.SIREN, { nom, departement: null, type: "region" });
  }
  // …and « Département de l'Ain », with the article the COG's TNCC gives, except for the
  // département that is also a commune: the « Ville de Paris ».
  const articles = ["de ", "d'", "du ", "de la ", "des ", "de l'"];
  const tncc = new Map(readCsv("cog2024-departements.csv").map((r) => [r.DEP, Number(r.TNCC)]));
  const communeRows = readCsv("banatic-siren-insee-communes-2024.csv");
  const communes = new Set(communeRows.map((r) => r.siren));
  for (const r of readCsv("datactivist-identifiants-departements-2022.csv")) {
    const article = articles[tncc.get(r.COG) ?? -1];
    const nom = communes.has(r.SIREN)
      ? `Ville de ${r.nom}`
      : article
        ? `Département ${article}${r.nom}`
        : r.nom;
    if (!map.has(r.SIREN)) map.set(r.SIREN, { nom, departement: r.COG, type: "departement" });
  }
  // …and « Commune du Mans », « Commune de La Rochelle »: Le, Les and Aux contract after « de »,
  // the other articles keep their capital (COG row of the commune itself, TYPECOM COM).
  const bodies = new Map(
    readCsv("cog2024-communes.csv")
      .filter((r) => r.TYPECOM === "COM")
      .map((r) => {
        const contracted = CONTRACTED[r.TNCC ?? ""];
        const joined = contracted
          ? `${contracted}${r.NCCENR}`
          : `${r.TNCC === "1" ? "d'" : "de "}${r.LIBELLE}`;
        return [r.COM, `Commune ${joined}`];
      }),
  );
  for (const r of communeRows) {
    const p = Number(r.pmun_2024);
    const band =
      p < 3500 ? "moins_3500" : p < 10000 ? "3500_9999" : p < 50000 ? "10000_49999" : "50000_plus";
    if (!map.has(r.siren)) {
      const nom = bodies.get(r.insee) ?? r.nom_com;
      map.set(r.siren, { nom, departement: r.dep_com, type: `commune_${band}` });
    }
  }
  const kinds: Record<string, string> = {
    CC: "epci_cc",
    CA: "epci_ca",
    CU: "epci_cu",
    METRO: "epci_metropole",
    MET69: "epci_metropole",
  };
  for (const r of readCsv("dgcl-epcicom-2024.csv")) {
    if (!map.has(r.siren)) {
      map.set(r.siren, {
        nom: r.raison_sociale,
        departement: r.dept,
        type: kinds[r.nature_juridique],
      });
    }
  }
  return map;
}

/** Département (COG 2024) → its région's code. */
export function regionByDepartement(): Map<string, string> {
  return new Map(readCsv("cog2024-departements.csv").map((r) => [r.DEP, r.REG]));
}

/** SIREN of a région (or a collectivité unique) → its région code, from the régions list. */
export function regionCollectivites(): Map<string, string> {
  return new Map(readCsv("datactivist-identifiants-regions-2022.csv").map((r) => [r.SIREN, r.COG]));
}
