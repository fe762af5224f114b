// The sections of the annual report's HTML page, each from the gathered data (data.ts) and the
// shared sentences (words.ts). Figures carry data-* attributes with the exact values, so tests
// (and anyone) can check them against the API.
import { listed } from "../../client/src/shared/french-words.js";
import { publishedText } from "../../client/src/shared/published-text.js";
import { ruleValueText, unverifiableText } from "../../client/src/shared/rule-value-text.js";
import type { Chart } from "./charts.ts";
import type { ReportData, ReportIndicator } from "./data.ts";
import { formatDay, formatInteger, formatNumber, formatShare } from "./format.ts";
import { html, trusted, withLinks, type Safe } from "./html-escape.ts";
import {
  basisText,
  gradeText,
  essText,
  localText,
  previousLabel,
  previousText,
  sizeText,
  shown,
  empty,
  evolutionShown,
  noEvolutionText,
  recordsToFixText,
  summarySentences,
  supplierPicture,
  suppliersLead,
  valueText,
} from "./words.ts";
import { concernedText, flagTexts, statusOf, statusText } from "./words-status.ts";
import { gapText, targetsIntro, targetText } from "./words-targets.ts";
import { PEER_HEADERS, PEERS_TITLE, peerCells, peersIntro } from "./words-peers.ts";

export function summarySection(data: ReportData): Safe {
  return html`<section class="summary">
    <h2>1. En bref</h2>
    <ul>
      ${summarySentences(data).map((s) => html`<li>${s}</li>`)}
    </ul>
  </section>`;
}

function indicatorBlock(i: ReportIndicator, chart: Chart | undefined, year: number): Safe {
  const status = statusOf(i);
  const gap = gapText(i, year);
  // The years with contracts concerned: a year with none has no figure, and its « non calculable,
  // 0, sans objet » row said again what the status and the basis say (three « sans objet » in one
  // block); the chart leaves such a year empty too.
  const trend = i.trend.filter((p) => p.year <= year && p.coverage !== null);
  // …said once under the table, so that no earlier year goes missing unsaid (this year's status
  // says it of this year).
  const without = i.trend.filter((p) => p.year < year && p.coverage === null).map((p) => p.year);
  return html`<article
    class="indicator"
    data-indicator="${i.definition.id}"
    data-status="${status}"
    data-value="${i.value === null ? "" : String(i.value)}"
    data-n="${i.n}"
    data-n-scope="${i.n_scope}"
    data-coverage="${i.coverage === null ? "" : String(i.coverage)}"
  >
    <h3>${i.definition.title}</h3>
    <p class="status status--${status}">${statusText(i)}</p>
    <dl>
      <dt>Valeur ${year}</dt>
      <dd class="value">${valueText(i)}</dd>
      <dt>Base du calcul</dt>
      <dd>${basisText(i)}</dd>
      <dt>${previousLabel(i.previous, year)}</dt>
      <dd>${previousText(i)}</dd>
      <dt>Objectif</dt>
      <dd>${withLinks(targetText(i))}</dd>
      ${
        gap === null
          ? ""
          : html`<dt>Écart à l'objectif</dt>
              <dd class="gap">${gap}</dd>`
      }
      ${
        flagTexts(i).length > 0
          ? html`<dt>À lire avec prudence</dt>
              <dd>${flagTexts(i).join(" ; ")}</dd>`
          : ""
      }
    </dl>
    ${
      evolutionShown(i, year)
        ? html`<div class="evolution">
            ${
              // The figure is named by its caption; the drawing is hidden from screen readers, its
              // figures being in the table that follows.
              chart && chart.points > 0
                ? html`<figure class="chart" data-chart="${i.definition.id}">
                    <div aria-hidden="true">${trusted(chart.svg)}</div>
                    <figcaption>
                      ${chart.description}${i.target ? " ; en pointillés rouges, la trajectoire des objectifs, année par année" : ""}.
                    </figcaption>
                  </figure>`
                : html`<p class="no-chart">
                    Aucune année avec des marchés pour tracer l'évolution.
                  </p>`
            }
            ${
              trend.length > 0
                ? boxedTable(
                    ["Année", "Valeur", "N", "Couverture"],
                    trend.map(
                      (p) =>
                        html`<tr>
                          <td>${p.year}</td>
                          <td>${formatNumber(p.value, i.definition.format)}</td>
                          <td>${formatInteger(p.n)}</td>
                          <td>${formatShare(p.coverage)}</td>
                        </tr>`,
                    ),
                    { className: "trend", caption: "Valeurs par année" },
                  )
                : ""
            }
            ${
              trend.length > 0 && without.length > 0
                ? html`<p class="note" data-years-without>
                    Aucun marché concerné en ${listed(without.map(String))}.
                  </p>`
                : ""
            }
          </div>`
        : html`<p class="no-chart">${noEvolutionText(i)}</p>`
    }
  </article>`;
}

export function indicatorsSection(data: ReportData, charts: Chart[]): Safe {
  return html`<section class="indicators">
    <h2>2. Indicateurs d'achats responsables</h2>
    <p>
      Chaque indicateur est calculé sur les marchés de l'acheteur notifiés en ${data.year}.
      ${targetsIntro(data)}
    </p>
    ${shown(data).map((i) =>
      indicatorBlock(
        i,
        charts.find((c) => c.indicator === i.definition.id),
        data.year,
      ),
    )}
    ${
      empty(data).length > 0
        ? html`<h3>Indicateurs sans valeur, ni cette année ni avant</h3>
            ${boxedTable(
              ["Indicateur", "Situation", `Marchés concernés en ${data.year}`, "Objectif"],
              empty(data).map(
                (i) =>
                  html`<tr
                    data-indicator="${i.definition.id}"
                    data-status="${statusOf(i)}"
                    data-value=""
                    data-n="${i.n}"
                    data-n-scope="${i.n_scope}"
                  >
                    <td>${i.definition.title}</td>
                    <td>${statusText(i)}</td>
                    <td>${concernedText(i)}</td>
                    <td>${withLinks(targetText(i))}</td>
                  </tr>`,
              ),
              { className: "empty" },
            )}`
        : ""
    }
  </section>`;
}

export function peersSection(data: ReportData): Safe {
  const p = data.peers;
  return html`<section class="peers" data-group="${p?.group ?? ""}" data-year="${p?.year ?? ""}">
    <h2>${PEERS_TITLE}</h2>
    ${peersIntro(p).map((line) => html`<p>${line}</p>`)}
    ${
      p && p.indicators.length > 0
        ? boxedTable(
            PEER_HEADERS,
            p.indicators.map(
              (r) =>
                html`<tr
                  data-peer-indicator="${r.indicator}"
                  data-buyer="${r.buyer?.value ?? ""}"
                  data-q1="${r.peers.q1 ?? ""}"
                  data-median="${r.peers.median ?? ""}"
                  data-q3="${r.peers.q3 ?? ""}"
                  data-count="${r.peers.count}"
                  data-national="${r.national.value ?? ""}"
                >
                  ${peerCells(r).map((cell) => html`<td>${cell}</td>`)}
                </tr>`,
            ),
          )
        : ""
    }
  </section>`;
}

export function suppliersSection(data: ReportData): Safe {
  const rows = data.suppliers.map(
    (s) =>
      html`<tr>
        <td>${s.nom ?? "nom inconnu"}</td>
        <td>${s.titulaire_id}</td>
        <td>${formatInteger(s.contracts)}</td>
        <td>${formatNumber(s.amount_split, "euro")}</td>
        <td>${sizeText(s)}</td>
        <td>${essText(s)}</td>
        <td>${localText(s)}</td>
      </tr>`,
  );
  return html`<section class="suppliers">
    <h2>4. Principaux fournisseurs</h2>
    <p>
      ${suppliersLead(data.suppliers.length, data.year)} ; le montant d'un marché attribué à
      plusieurs entreprises est partagé à parts égales entre elles. Taille, appartenance à
      l'économie sociale et solidaire et localisation viennent du répertoire SIRENE de l'INSEE ;
      quand il ne les donne pas, elles sont dites inconnues.
    </p>
    ${
      rows.length === 0
        ? html`<p>Aucun titulaire identifié pour les marchés de ${data.year}.</p>`
        : boxedTable(
            [
              "Entreprise",
              "Identifiant",
              "Marchés",
              "Montant (part)",
              "Taille",
              "ESS",
              "Localisation",
            ],
            rows,
          )
    }
    <h3>Ensemble des titulaires de l'année</h3>
    <ul>
      ${supplierPicture(data).map((s) => html`<li>${s}</li>`)}
    </ul>
  </section>`;
}

export function qualitySection(data: ReportData): Safe {
  const q = data.quality;
  const shown = q.records.slice(0, 15);
  return html`<section class="quality" data-grade="${q.grade ?? ""}">
    <div class="together">
      <h2>5. Qualité des données publiées</h2>
      <p class="grade">${gradeText(q)}</p>
      ${boxedTable(
        ["Règle", "Marchés conformes", "N", "Couverture", "Poids"],
        q.components.map(
          (c) =>
            html`<tr
              data-component="${c.id}"
              data-value="${c.value === null ? "" : String(c.value)}"
              data-n="${c.n}"
            >
              <td>${c.title}</td>
              <td>${ruleValueText(c, formatShare)}</td>
              <td>${formatInteger(c.n)}</td>
              <td>${c.coverage === null ? "sans objet" : formatShare(c.coverage)}</td>
              <td>${c.counted ? formatNumber(c.weight, "decimal") : "non compté"}</td>
            </tr>`,
        ),
      )}
    </div>
    ${unverifiedList(q.components)}
    <p>
      ${recordsToFixText(q.records.length, true)}${shown.length < q.records.length ? ` ; voici les ${shown.length} plus récents, la liste complète se télécharge depuis la fiche de l'acheteur` : ""}.
      ${shown.length > 0 ? "Entre parenthèses, le nom du champ dans les données publiées." : ""}
    </p>
    ${
      shown.length > 0
        ? boxedTable(
            ["Marché", "Notifié le", "À corriger"],
            shown.map(
              (r) =>
                html`<tr>
                  <td>
                    ${r.facts.objet === null ? (r.facts.id ?? r.facts.uid) : publishedText(r.facts.objet)}
                  </td>
                  <td>${formatDay(r.facts.date_notification)}</td>
                  <td>
                    ${r.problems.map((p) => `${p.label} (${p.field}) : ${p.problem}`).join(" ; ")}
                  </td>
                </tr>`,
            ),
            { className: "fixes" },
          )
        : ""
    }
  </section>`;
}

/**
 * A table in a box of its own, which scrolls on a narrow screen while the page does not
 * (focusable, for the keyboard's arrows); one column header per label.
 */
function boxedTable(
  headers: readonly string[],
  rows: Safe | Safe[],
  options: { className?: string; caption?: string } = {},
): Safe {
  const { className, caption } = options;
  return html`<div class="table-box" tabindex="0">
    <table${className ? html` class="${className}"` : ""}>
      ${
        caption
          ? html`<caption>
              ${caption}
            </caption>`
          : ""
      }
      <thead>
        <tr>
          ${headers.map((label) => html`<th scope="col">${label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

/** What each rule could not check (fields a source does not publish), or nothing. */
function unverifiedList(components: ReportData["quality"]["components"]): Safe | string {
  const notes = components.map(unverifiableText).filter((text) => text !== null);
  if (notes.length === 0) return "";
  return html`<ul class="unverifiable">
    ${notes.map((text) => html`<li>${text}</li>`)}
  </ul>`;
}
