// The buyer's name inside a sentence. French puts an article before a name that begins with a
// collectivité's kind: « La Région Bretagne a publié… », « du Département de l'Ain », « à la
// Commune de Valserhône »; the report said « Région Bretagne a publié… ». Other names (a company,
// « CENTRE HOSPITALIER DE NIORT », « Ministère des armées ») are left as they are: their article,
// if any, cannot be told from the name with the same certainty.

type Article = "le" | "la" | "l'";

/**
 * The kinds, by the first word(s) of the name folded (no accents, lower case), with the article
 * their gender and first sound take. CC, CA, CU are how the collectivités lists name the EPCIs
 * (« CC de la Côtière à Montluel »): a communauté, feminine.
 */
const KINDS: [RegExp, Article][] = [
  [/^(region|commune|ville|mairie|metropole|communaute|collectivite|cc|ca|cu)\b/, "la"],
  [/^(departement|conseil (departemental|regional|general))\b/, "le"],
  [/^(eurometropole|agglomeration)\b/, "l'"],
];

/**
 * The report's own names for a buyer it cannot name (« Acheteur non identifié »,
 * lib/party-ids.ts; « acheteur au SIRET … (nom inconnu) », summarySentences): a common noun,
 * « l'acheteur non identifié », lower case after its article.
 */
const COMMON = /^acheteur\b/;

const fold = (text: string) =>
  text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();

/** The article a name takes, or null when it starts with no collectivité's kind. */
export function articleOf(name: string): Article | null {
  const folded = fold(name);
  if (COMMON.test(folded)) return "l'";
  return KINDS.find(([kind]) => kind.test(folded))?.[1] ?? null;
}

/** « de » and « à » contract with « le » (du, au); « la » and « l' » keep them apart. */
const JOINED: Record<"de" | "à", Record<Article, string>> = {
  de: { le: "du ", la: "de la ", "l'": "de l'" },
  à: { le: "au ", la: "à la ", "l'": "à l'" },
};

/**
 * The name as a sentence says it: « la Région Bretagne », after « de » « de la Région
 * Bretagne » (given with `after`, which the name without article takes as « de X »), at the
 * start of a sentence « La Région Bretagne ». A name without a kind comes back as it is, after
 * its preposition.
 */
export function buyerInSentence(
  given: string,
  options: { start?: boolean; after?: "de" | "à" } = {},
): string {
  const article = articleOf(given);
  const { after } = options;
  const name = COMMON.test(fold(given)) ? given.charAt(0).toLowerCase() + given.slice(1) : given;
  let said: string;
  if (article === null) {
    // « de » elides before a vowel (« d'Orange »); before an h it depends on the word (« de
    // Hendaye », « d'Hyères »), which the name does not tell: « de » is kept whole there.
    const elided = after === "de" && /^[aeiouy]/.test(fold(name));
    said = elided ? `d'${name}` : after ? `${after} ${name}` : name;
  } else if (after) {
    said = `${JOINED[after][article]}${name}`;
  } else {
    said = `${article}${article === "l'" ? "" : " "}${name}`;
  }
  // A name said as it is keeps its own first letter, even at the start of a sentence.
  const added = article !== null || after !== undefined;
  return options.start && added ? said.charAt(0).toUpperCase() + said.slice(1) : said;
}
