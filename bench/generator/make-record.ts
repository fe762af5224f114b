// One synthetic contract from a real template: new identities (buyer and suppliers drawn from
// skewed pools, as real buyers and suppliers recur), dates spread over the format's years, amounts
// jittered around the real one, and a realistic share of the dirty values real producers publish.
import type { Random } from "./random.ts";
import type { Json } from "./templates.ts";

export type Format = "v1" | "v2";

export interface Pools {
  buyers: string[];
  suppliers: string[];
}

function siretPool(random: Random, size: number, prefix: string): string[] {
  return Array.from(
    { length: size },
    (_, i) => `${prefix}${String(i).padStart(8, "0")}${random.digits(14 - prefix.length - 8)}`,
  );
}

/**
 * The buyers and suppliers of N contracts: the first draws of the seeded source, so that the
 * SIRENE stocks (sirene.ts) can name the same SIRETs from the same seed and count.
 */
export function makePools(random: Random, contracts: number): Pools {
  return {
    buyers: siretPool(random, Math.max(50, Math.round(contracts / 30)), "2"),
    suppliers: siretPool(random, Math.max(200, Math.round(contracts / 3)), "8"),
  };
}

/** Shares of dirty values, close to what the real samples show (see data/samples/README.md). */
export const DIRT = {
  dateWithTimeZone: 0.01,
  cpvWithoutLeadingZero: 0.004,
  siretWithSpaces: 0.003,
  placeholderAmount: 0.0005,
  amountAsFrenchText: 0.002,
  missingId: 0.001,
  republished: 0.02,
};

const YEARS: Record<Format, [number, number]> = { v1: [2019, 2023], v2: [2024, 2026] };
const DAY = 86_400_000;

const iso = (time: number) => new Date(time).toISOString().slice(0, 10);

function asList(value: unknown, key: string): unknown[] {
  if (Array.isArray(value))
    return value.flatMap((v) =>
      v && typeof v === "object" && key in v ? [(v as Json)[key]] : [v],
    );
  return [];
}

export function makeRecord(
  random: Random,
  template: Json,
  format: Format,
  index: number,
  pools: Pools,
): Json {
  const [first, last] = YEARS[format];
  const start = Date.UTC(first, 0, 1);
  const notified = start + Math.floor(random.next() * (Date.UTC(last, 11, 31) - start));
  const delay = Math.round(Math.abs(random.jitter(0.9) * 25));
  const record: Json = { ...template };
  delete record.uid;
  delete record.uuid;
  delete record.source;
  delete record._type;
  const year = new Date(notified).getUTCFullYear();
  record.id = random.chance(DIRT.missingId)
    ? ""
    : `${year}S${index.toString(36).toUpperCase().padStart(6, "0")}`;
  const buyer = pools.buyers[random.skewed(pools.buyers.length)];
  record.acheteur =
    format === "v1" ? { id: buyer, nom: `Acheteur synthétique ${buyer.slice(-5)}` } : { id: buyer };
  record.dateNotification = random.chance(DIRT.dateWithTimeZone)
    ? `${iso(notified)}+01:00`
    : iso(notified);
  record.datePublicationDonnees = iso(notified + delay * DAY);

  const amount = typeof template.montant === "number" ? template.montant : 50_000;
  // At least 1 €, the schema's minimum: real 1 € placeholders must not be jittered below it.
  const montant = Math.max(1, Math.round(amount * random.jitter(0.3) * 100) / 100);
  record.montant = random.chance(DIRT.placeholderAmount)
    ? 999999999
    : format === "v1" && random.chance(DIRT.amountAsFrenchText)
      ? montant.toLocaleString("fr-FR", { minimumFractionDigits: 2 })
      : montant;

  const cpv = typeof template.codeCPV === "string" ? template.codeCPV : "45000000";
  record.codeCPV =
    random.chance(DIRT.cpvWithoutLeadingZero) && cpv.startsWith("0") ? cpv.slice(1, 8) : cpv;

  const holders = Math.max(1, asList(template.titulaires, "titulaire").length);
  const chosen = new Set<string>();
  while (chosen.size < holders)
    chosen.add(pools.suppliers[random.skewed(pools.suppliers.length, 0.9)]);
  const titulaires = [...chosen].map((siret) => {
    const id = random.chance(DIRT.siretWithSpaces)
      ? `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6)}`
      : siret;
    return format === "v1"
      ? {
          typeIdentifiant: "SIRET",
          id,
          denominationSociale: `Entreprise synthétique ${siret.slice(-6)}`,
        }
      : { titulaire: { typeIdentifiant: "SIRET", id } };
  });
  record.titulaires = titulaires;

  let total = typeof record.montant === "number" ? record.montant : montant;
  record.modifications = asList(template.modifications, "modification").map((_, i) => {
    total = Math.round(total * (1 + random.next() * 0.15) * 100) / 100;
    const when = notified + (i + 1) * random.int(30, 200) * DAY;
    const modification: Json = {
      id: i + 1,
      montant: total,
      dureeMois: typeof template.dureeMois === "number" ? template.dureeMois + i + 1 : 12,
      dateNotificationModification: iso(when),
      datePublicationDonneesModification: iso(when + delay * DAY),
    };
    if (format === "v1") {
      delete modification.id;
      return { ...modification, objetModification: `Avenant n°${i + 1}` };
    }
    return { modification: { ...modification, titulaires: [] } };
  });
  if (format === "v2") {
    const modifications = record.modifications as Json[];
    for (const m of modifications) delete (m.modification as Json).titulaires;
    // The 2024 schema wants these lists absent rather than empty.
    for (const key of ["modifications", "actesSousTraitance", "modificationsActesSousTraitance"]) {
      if (!Array.isArray(record[key]) || (record[key] as unknown[]).length === 0)
        delete record[key];
    }
  }
  return record;
}

/** A republication of an earlier record: same contract, published again later. */
export function republish(record: Json, random: Random): Json {
  const published = Date.parse(String(record.datePublicationDonnees));
  const later = Number.isNaN(published) ? Date.now() : published + random.int(1, 30) * DAY;
  return { ...record, datePublicationDonnees: iso(later) };
}
