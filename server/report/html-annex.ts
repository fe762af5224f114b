// The report's methodology annex: the formula, definition version and precautions of each
// indicator shown with a figure (its N and coverage are in its block), one line pointing to the
// observatory's page of the others, the publication-quality rules and grade thresholds, the data
// version and how to regenerate the very same report.
import type { ReportData, ReportIndicator } from "./data.ts";
import { formatDay, formatShare } from "./format.ts";
import { html, type Safe } from "./html-escape.ts";
import { empty, GLOSSARY, shown } from "./words.ts";

export function regenerateText(data: ReportData): string {
  return `/api/buyers/${data.siret}/report?year=${data.year}&format=html`;
}

/**
 * The data format an indicator needs, when its formula does not say it already (the formula of
 * every 2024-only indicator of the catalogue says « format 2024 seulement »); the other indicators count every format,
 * as the annex says once.
 */
export function formatNote(i: ReportIndicator): string | null {
  if (i.definition.requires_format !== "v2" || i.definition.formula.includes("format 2024")) {
    return null;
  }
  return "Format des données nécessaire : format 2024 seulement (les marchés publiés au format 2019 sont laissés hors du calcul)";
}

export const FORMATS_TEXT =
  "Un indicateur dont la formule dit « format 2024 seulement » laisse hors du calcul les marchés publiés au format 2019 ; les autres comptent les marchés de tous les formats.";

/**
 * Where the method of the indicators without any figure for this buyer is: their page of the
 * observatory. Detailed here, the methods of every indicator took four pages of a two-contract
 * buyer's report; null when every indicator has a block.
 */
export function otherMethodsText(data: ReportData): string | null {
  const others = empty(data);
  if (others.length === 0) return null;
  const pages = others.map((i) => `/indicateur/${i.definition.id}`).join(", ");
  return others.length === 1
    ? `L'indicateur sans valeur pour cet acheteur (fin de la partie 2) n'est pas détaillé ici : sa méthode est sur sa page de l'observatoire, ${pages}.`
    : `Les ${others.length} indicateurs sans valeur pour cet acheteur (fin de la partie 2) ne sont pas détaillés ici : la méthode de chacun est sur sa page de l'observatoire (${pages}).`;
}

/** An indicator's method: its formula, the format it needs, its source and its precautions. */
function methodBlock(i: ReportIndicator): Safe {
  const format = formatNote(i);
  return html`<div class="method" data-method="${i.definition.id}">
    <h4>${i.definition.title}</h4>
    <ul>
      <li>Formule : ${i.definition.formula}</li>
      ${format === null ? "" : html`<li>${format}</li>`}
      <li>
        Source de la définition : ${i.definition.source.name} ; version ${i.definition.version} de
        la définition
      </li>
      ${i.definition.caveats.map((c) => html`<li>Précaution : ${c}</li>`)}
    </ul>
  </div>`;
}

export function annexSection(data: ReportData): Safe {
  const qd = data.qualityDefinition;
  const others = otherMethodsText(data);
  return html`<section class="annex">
    <h2>Annexe : méthode</h2>
    <h3>Les données</h3>
    <p>
      Source : les données essentielles de la commande publique publiées par l'acheteur, telles que
      chargées par l'observatoire. Version des données (identifiant du chargement) :
      <span class="snapshot">${data.snapshot.id}</span>, chargée le
      ${formatDay(data.snapshot.loaded_at)}. Document produit le ${formatDay(data.generatedAt)}. Les
      mêmes données et les mêmes définitions redonnent le même rapport : ${regenerateText(data)}.
    </p>
    ${data.snapshot.synthetic ? html`<p class="warning">Attention : ces données sont des données de test générées, pas des données réelles.</p>` : ""}
    <p>
      Un champ vide n'est pas un « non » : chaque part est calculée sur les marchés où l'information
      est renseignée, et la couverture dit quelle part des marchés cela représente. Un indicateur
      calculé sur moins de marchés que son minimum est signalé « trop peu de marchés pour conclure
      ». ${FORMATS_TEXT}
    </p>
    <h3>Lexique</h3>
    <dl>
      ${GLOSSARY.map(
        ([term, words]) =>
          html`<dt>${term}</dt>
            <dd>${words}</dd>`,
      )}
    </dl>
    <h3>Les indicateurs</h3>
    <div class="methods">${shown(data).map(methodBlock)}</div>
    ${others === null ? "" : html`<p class="other-methods">${others}</p>`}
    <h3>La note de qualité de publication</h3>
    <p>
      ${qd.description} Version ${qd.version} de la définition. Seuils :
      ${qd.grades.map((g) => `${g.grade} à partir de ${formatShare(g.min_score)}`).join(", ")}
      (${qd.grades_source}). Pas de note sous ${qd.min_contracts} marchés.
    </p>
    <ul>
      ${qd.components.map((c) => html`<li>${c.title} (poids ${c.weight}) : ${c.description}</li>`)}${qd.caveats.map((c) => html`<li>Précaution : ${c}</li>`)}
    </ul>
  </section>`;
}
