// One vocabulary for the enumerations of the 2019 (v1), transitional 2.0.0 and 2024 (v2) formats.
// Each entry: a stable code stored in the database, the French label shown to users, and every
// wording met in the schemas and the real files (matched after folding case, accents, apostrophes
// and spaces, so "Appel d offres ouvert" and "APPEL D'OFFRES OUVERT" are the same value).

export interface VocabularyEntry {
  code: string;
  label: string;
  /** Values of the official schemas (2019, 2.0.0 or 2024). */
  wordings: string[];
  /** Known non-standard spellings met in real files: accepted, and logged as repaired. */
  variants?: string[];
}

export type Vocabulary = readonly VocabularyEntry[];

export const PROCEDURES: Vocabulary = [
  { code: "procedure_adaptee", label: "Procédure adaptée", wordings: ["Procédure adaptée"] },
  {
    code: "appel_offres_ouvert",
    label: "Appel d'offres ouvert",
    wordings: ["Appel d'offres ouvert"],
  },
  {
    code: "appel_offres_restreint",
    label: "Appel d'offres restreint",
    wordings: ["Appel d'offres restreint"],
  },
  {
    // v2 merged the two negotiated procedures of the 2019 format into one value.
    code: "procedure_avec_negociation",
    label: "Procédure avec négociation",
    wordings: [
      "Procédure avec négociation",
      "Procédure concurrentielle avec négociation",
      "Procédure négociée avec mise en concurrence préalable",
    ],
  },
  {
    code: "sans_publicite",
    label: "Marché passé sans publicité ni mise en concurrence préalable",
    wordings: [
      "Marché passé sans publicité ni mise en concurrence préalable", // 2024 format
      "Marché négocié sans publicité ni mise en concurrence préalable", // 2019 format
      "Marché public négocié sans publicité ni mise en concurrence préalable", // 1.4 era
    ],
  },
  { code: "dialogue_competitif", label: "Dialogue compétitif", wordings: ["Dialogue compétitif"] },
  // Procedures of contrats de concession.
  {
    code: "concession_negociee_ouverte",
    label: "Procédure négociée ouverte",
    wordings: ["Procédure négociée ouverte"],
  },
  {
    code: "concession_non_negociee_ouverte",
    label: "Procédure non négociée ouverte",
    wordings: ["Procédure non négociée ouverte"],
  },
  {
    code: "concession_negociee_restreinte",
    label: "Procédure négociée restreinte",
    wordings: ["Procédure négociée restreinte"],
  },
  {
    code: "concession_non_negociee_restreinte",
    label: "Procédure non négociée restreinte",
    wordings: ["Procédure non négociée restreinte"],
  },
];

export const CONTRACT_NATURES: Vocabulary = [
  { code: "marche", label: "Marché", wordings: ["Marché"] },
  { code: "accord_cadre", label: "Accord-cadre", wordings: ["Accord-cadre", "Accord cadre"] },
  { code: "marche_subsequent", label: "Marché subséquent", wordings: ["Marché subséquent"] },
  {
    code: "marche_partenariat",
    label: "Marché de partenariat",
    wordings: ["Marché de partenariat"],
  },
  {
    code: "marche_defense_securite",
    label: "Marché de défense ou de sécurité",
    wordings: ["Marché de défense ou de sécurité"],
  },
];

export const CONCESSION_NATURES: Vocabulary = [
  {
    code: "concession_travaux",
    label: "Concession de travaux",
    wordings: ["Concession de travaux"],
  },
  {
    code: "concession_service",
    label: "Concession de service",
    wordings: ["Concession de service"],
  },
  {
    code: "concession_service_public",
    label: "Concession de service public",
    wordings: ["Concession de service public"],
  },
  {
    code: "delegation_service_public",
    label: "Délégation de service public",
    wordings: ["Délégation de service public"],
  },
];

export const SOCIAL_CONSIDERATIONS: Vocabulary = [
  { code: "clause_sociale", label: "Clause sociale", wordings: ["Clause sociale"] },
  { code: "critere_social", label: "Critère social", wordings: ["Critère social"] },
  { code: "marche_reserve", label: "Marché réservé", wordings: ["Marché réservé"] },
  {
    code: "aucune",
    label: "Pas de considération sociale",
    wordings: ["Pas de considération sociale"],
  },
];

export const ENVIRONMENTAL_CONSIDERATIONS: Vocabulary = [
  {
    code: "clause_environnementale",
    label: "Clause environnementale",
    wordings: ["Clause environnementale"],
  },
  {
    code: "critere_environnemental",
    label: "Critère environnemental",
    wordings: ["Critère environnemental"],
  },
  {
    code: "aucune",
    label: "Pas de considération environnementale",
    wordings: ["Pas de considération environnementale"],
  },
];

export const TECHNIQUES: Vocabulary = [
  { code: "accord_cadre", label: "Accord-cadre", wordings: ["Accord-cadre"] },
  { code: "concours", label: "Concours", wordings: ["Concours"] },
  {
    code: "systeme_qualification",
    label: "Système de qualification",
    wordings: ["Système de qualification"],
  },
  {
    code: "systeme_acquisition_dynamique",
    label: "Système d'acquisition dynamique",
    wordings: ["Système d'acquisition dynamique"],
  },
  {
    code: "catalogue_electronique",
    label: "Catalogue électronique",
    wordings: ["Catalogue électronique"],
  },
  {
    code: "enchere_electronique",
    label: "Enchère électronique",
    wordings: ["Enchère électronique"],
  },
  { code: "sans_objet", label: "Sans objet", wordings: ["Sans objet"] },
];

export const EXECUTION_MODES: Vocabulary = [
  { code: "tranches", label: "Tranches", wordings: ["Tranches", "Marché à tranches"] },
  {
    code: "bons_de_commande",
    label: "Bons de commande",
    wordings: ["Bons de commande", "Bon de commande"],
  },
  {
    code: "marches_subsequents",
    label: "Marchés subséquents",
    wordings: ["Marchés subséquents", "Marché subséquent"],
  },
  { code: "mixte", label: "Mixte", wordings: ["Mixte"] },
  { code: "sans_objet", label: "Sans objet", wordings: ["Sans objet"] },
];

export const PRICE_TYPES: Vocabulary = [
  { code: "definitif_ferme", label: "Définitif ferme", wordings: ["Définitif ferme"] },
  {
    code: "definitif_actualisable",
    label: "Définitif actualisable",
    wordings: ["Définitif actualisable"],
  },
  { code: "definitif_revisable", label: "Définitif révisable", wordings: ["Définitif révisable"] },
  { code: "provisoire", label: "Provisoire", wordings: ["Provisoire"] },
];

export const GROUPING_TYPES: Vocabulary = [
  { code: "pas_de_groupement", label: "Pas de groupement", wordings: ["Pas de groupement"] },
  { code: "conjoint", label: "Groupement conjoint", wordings: ["Conjoint"] },
  { code: "solidaire", label: "Groupement solidaire", wordings: ["Solidaire"] },
];

export const PLACE_CODE_TYPES: Vocabulary = [
  { code: "code_postal", label: "Code postal", wordings: ["Code postal"] },
  { code: "code_commune", label: "Code commune", wordings: ["Code commune"] },
  { code: "code_arrondissement", label: "Code arrondissement", wordings: ["Code arrondissement"] },
  { code: "code_canton", label: "Code canton", wordings: ["Code canton"] },
  { code: "code_departement", label: "Code département", wordings: ["Code département"] },
  { code: "code_region", label: "Code région", wordings: ["Code région"] },
  { code: "code_pays", label: "Code pays", wordings: ["Code pays"] },
];

/** Both wordings and codes are the schemas' own values: the stored text stays as published. */
const asPublished = (wordings: string[], variants: Record<string, string[]> = {}): Vocabulary =>
  wordings.map((wording) => ({
    code: wording,
    label: wording,
    wordings: [wording],
    variants: variants[wording] ?? [],
  }));

/**
 * formePrix: the 2019 format lists how the price moves (Ferme…), the 2024 format how it is set
 * (Unitaire…; the 2019 notion became typesPrix). Both lists are accepted, anything else ("NC") is
 * nulled and logged.
 */
export const PRICE_FORMS = asPublished([
  "Ferme",
  "Ferme et actualisable",
  "Révisable",
  "Unitaire",
  "Forfaitaire",
  "Mixte",
]);

/** ccag (2024 format): the CCAG of reference. */
export const CCAG = asPublished(
  [
    "Travaux",
    "Maitrise d'œuvre",
    "Fournitures courantes et services",
    "Marchés industriels",
    "Prestations intellectuelles",
    "Techniques de l'information et de la communication",
    "Pas de CCAG",
  ],
  { "Maitrise d'œuvre": ["Maitrise d'oeuvre", "Maîtrise d'oeuvre"] },
);

/** Identifier types of titulaires and concessionnaires: codes are the schema's own values. */
export const IDENTIFIER_TYPES: Vocabulary = [
  { code: "SIRET", label: "SIRET", wordings: ["SIRET"] },
  {
    code: "TVA",
    label: "TVA intracommunautaire",
    wordings: ["TVA"],
    variants: ["TVA_INTRACOMMUNAUTAIRE"],
  },
  { code: "TAHITI", label: "TAHITI", wordings: ["TAHITI"] },
  { code: "RIDET", label: "RIDET", wordings: ["RIDET"] },
  { code: "FRWF", label: "FRWF", wordings: ["FRWF"], variants: ["FRW"] },
  { code: "IREP", label: "IREP", wordings: ["IREP"] },
  { code: "HORS-UE", label: "Hors UE", wordings: ["HORS-UE"] },
];

/** Folds a wording for matching: lower case, no accents, any apostrophe, dash or run of spaces. */
export function foldWording(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’'`´_\-\s]+/g, " ")
    .trim();
}

const indexes = new WeakMap<Vocabulary, Map<string, VocabularyEntry>>();
// Exact published wordings seen so far: real files repeat a handful of values millions of times.
const seen = new WeakMap<Vocabulary, Map<string, VocabularyEntry | undefined>>();
const SEEN_LIMIT = 10_000;

/** The entry matching a published wording, or undefined when the value is unknown. */
export function lookup(vocabulary: Vocabulary, wording: string): VocabularyEntry | undefined {
  let cache = seen.get(vocabulary);
  if (!cache) seen.set(vocabulary, (cache = new Map()));
  if (cache.has(wording)) return cache.get(wording);
  const entry = lookupFolded(vocabulary, wording);
  if (cache.size < SEEN_LIMIT) cache.set(wording, entry);
  return entry;
}

function lookupFolded(vocabulary: Vocabulary, wording: string): VocabularyEntry | undefined {
  let index = indexes.get(vocabulary);
  if (!index) {
    index = new Map();
    for (const entry of vocabulary) {
      for (const w of [...entry.wordings, ...(entry.variants ?? []), entry.code]) {
        index.set(foldWording(w), entry);
      }
    }
    indexes.set(vocabulary, index);
  }
  return index.get(foldWording(wording));
}

/** Label of a code, for display and exports. */
export function labelOf(vocabulary: Vocabulary, code: string): string {
  return vocabulary.find((entry) => entry.code === code)?.label ?? code;
}
