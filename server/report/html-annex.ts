// The report's methodology annex: each indicator's formula, definition version, N, coverage and
// precautions, the publication-quality rules and grade thresholds, the data version and how to
// regenerate the very same report.
import type { ReportData } from "./data.ts";
import { formatDay, formatShare } from "./format.ts";
import { html, type Safe } from "./html-escape.ts";
import { basisText, GLOSSARY } from "./words.ts";

export function regenerateText(data: ReportData): string {
  return `/api/buyers/${data.siret}/report?year=${data.year}&format=html`;
}

export function annexSection(data: ReportData): Safe {
  const qd = data.qualityDefinition;
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
      ».
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
    <div class="methods">
      ${data.indicators.map(
        (i) =>
          html`<div class="method">
            <h4>${i.definition.title}</h4>
            <ul>
              <li>Formule : ${i.definition.formula}</li>
              <li>${basisText(i)}</li>
              <li>
                Format des données nécessaire :
                ${i.definition.requires_format === "v2" ? "format 2024 seulement (les marchés publiés au format 2019 sont laissés hors du calcul)" : "tous formats"}
              </li>
              <li>
                Source de la définition : ${i.definition.source.name} ; version
                ${i.definition.version} de la définition
              </li>
              ${i.definition.caveats.map((c) => html`<li>Précaution : ${c}</li>`)}
            </ul>
          </div>`,
      )}
    </div>
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
