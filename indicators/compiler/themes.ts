// Where the dashboard shows an indicator, declared in its definition: the question of the home
// page it answers (`theme`, from this closed list, in the order a reader asks them) and the other
// pages that show it (`pages`). The French titles live here, once. No import: the definition's
// schema and the API's schemas read this file.

export const THEMES = [
  { id: "volume", title: "Combien achète-t-on, et comment ?" },
  { id: "responsible", title: "Des achats responsables ?" },
  { id: "competition", title: "Y a-t-il assez de concurrence ?" },
  { id: "data_quality", title: "Les données sont-elles publiées, et fiables ?" },
  { id: "other", title: "Autres indicateurs" },
] as const;

export type ThemeId = (typeof THEMES)[number]["id"];
export const THEME_IDS = THEMES.map((t) => t.id) as [ThemeId, ...ThemeId[]];

/** Pages besides the home page that show a chosen list of indicators. */
export const PAGES = {
  buyer: "La fiche d'un acheteur (« Indicateurs de cet acheteur »)",
  buyer_summary: "La synthèse imprimable d'un acheteur pour les élus (« En bref »)",
} as const;

export type PageId = keyof typeof PAGES;
export const PAGE_IDS = Object.keys(PAGES) as [PageId, ...PageId[]];
