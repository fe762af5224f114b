// Groups of indicators on the home page, in the order a reader asks the questions. An indicator
// added to the catalogue but not listed here still shows, under "Autres indicateurs".
export const THEMES = [
  {
    title: "Combien achète-t-on, et comment ?",
    ids: [
      "contracts_count",
      "amount_total",
      "amount_median",
      "buyers_count",
      "type_mix",
      "procedure_mix",
      "framework_agreement_share",
      "duration_mean",
      "long_duration_share",
    ],
  },
  {
    title: "Des achats responsables ?",
    ids: [
      "social_consideration_share",
      "social_consideration_amount_share",
      "environmental_consideration_share",
      "environmental_consideration_amount_share",
      "innovative_share",
      "advance_granted_share",
      "subcontracting_declared_share",
      "joint_award_share",
    ],
  },
  {
    title: "Y a-t-il assez de concurrence ?",
    ids: [
      "single_offer_rate",
      "offers_mean",
      "offers_median",
      "no_publicity_share",
      "top_supplier_share",
      "amendment_growth_share",
    ],
  },
  {
    title: "Les données sont-elles publiées, et fiables ?",
    ids: [
      "published_within_two_months_share",
      "publication_delay_median",
      "missing_supplier_siret_share",
      "suspect_amount_share",
    ],
  },
];

/**
 * @template {{ id: string }} T
 * @param {T[]} indicators
 * @returns {{ title: string, indicators: T[] }[]}
 */
export function groupByTheme(indicators) {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const listed = new Set(THEMES.flatMap((t) => t.ids));
  const groups = THEMES.map((t) => ({
    title: t.title,
    indicators: t.ids.map((id) => byId.get(id)).filter((i) => i !== undefined),
  }));
  const others = indicators.filter((i) => !listed.has(i.id));
  if (others.length > 0) groups.push({ title: "Autres indicateurs", indicators: others });
  return groups.filter((g) => g.indicators.length > 0);
}
