// The annual report as an editable Word document (docx library), for the purchasing department
// to finish before the elected assembly: the same sections and sentences as the HTML page
// (words.ts), the trend charts as PNG images (Vega SVG → resvg).
import { ruleValueText, unverifiableText } from "../../client/src/shared/rule-value-text.js";
import {
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { svgToPng, type Chart } from "./charts.ts";
import { frenchSpacing } from "./french-spacing.ts";
import type { ReportData, ReportIndicator } from "./data.ts";
import { formatDay, formatInteger, formatNumber, formatShare } from "./format.ts";
import { formatNote, FORMATS_TEXT, otherMethodsText, regenerateText } from "./html-annex.ts";
import {
  basisText,
  gradeText,
  buyerName,
  essText,
  GLOSSARY,
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
  TITLE,
  valueText,
} from "./words.ts";
import { concernedText, flagTexts, statusText } from "./words-status.ts";
import { gapText, targetsIntro, targetText } from "./words-targets.ts";
import { PEER_HEADERS, PEERS_TITLE, peerCells, peersIntro } from "./words-peers.ts";

const CHART_WIDTH = 560;

// Every text with the no-break spaces of French typography, as in the HTML page.
const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text: frenchSpacing(text), heading: level });
const para = (text: string) => new Paragraph({ children: [new TextRun(frenchSpacing(text))] });
const bullet = (text: string) => new Paragraph({ text: frenchSpacing(text), bullet: { level: 0 } });
const labelled = (label: string, text: string) =>
  new Paragraph({
    children: [
      new TextRun({ text: frenchSpacing(`${label} : `), bold: true }),
      new TextRun(frenchSpacing(text)),
    ],
  });

function table(header: string[], rows: string[][]): Table {
  const row = (cells: string[], bold: boolean) =>
    new TableRow({
      tableHeader: bold,
      children: cells.map(
        (c) =>
          new TableCell({
            children: [
              new Paragraph({ children: [new TextRun({ text: frenchSpacing(c), bold })] }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(header, true), ...rows.map((r) => row(r, false))],
  });
}

function svgSize(svg: string): { width: number; height: number } {
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 4);
  const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 1);
  return { width, height };
}

function chartImage(chart: Chart): Paragraph {
  const { width, height } = svgSize(chart.svg);
  return new Paragraph({
    children: [
      new ImageRun({
        type: "png",
        data: svgToPng(chart.svg),
        transformation: { width: CHART_WIDTH, height: Math.round((CHART_WIDTH * height) / width) },
        altText: {
          name: chart.indicator,
          title: chart.description,
          description: chart.description,
        },
      }),
    ],
  });
}

function indicatorParts(i: ReportIndicator, chart: Chart | undefined, year: number) {
  const parts: (Paragraph | Table)[] = [
    heading(i.definition.title, HeadingLevel.HEADING_3),
    labelled("Situation", statusText(i)),
    labelled(`Valeur ${year}`, valueText(i)),
    labelled("Base du calcul", basisText(i)),
    labelled(previousLabel(i.previous, year), previousText(i)),
    labelled("Objectif", targetText(i)),
  ];
  const gap = gapText(i, year);
  if (gap !== null) parts.push(labelled("Écart à l'objectif", gap));
  if (flagTexts(i).length > 0)
    parts.push(labelled("À lire avec prudence", flagTexts(i).join(" ; ")));
  if (!evolutionShown(i, year)) parts.push(para(noEvolutionText(i)));
  else if (chart && chart.points > 0) {
    parts.push(chartImage(chart));
    parts.push(
      para(
        `${chart.description}${i.target ? " ; en pointillés rouges, la trajectoire des objectifs, année par année" : ""}.`,
      ),
    );
  } else parts.push(para("Aucune année avec des marchés pour tracer l'évolution."));
  return parts;
}

export async function reportDocx(data: ReportData, charts: Chart[]): Promise<Buffer> {
  const q = data.quality;
  const qd = data.qualityDefinition;
  const children: (Paragraph | Table)[] = [
    para(TITLE),
    heading(buyerName(data), HeadingLevel.TITLE),
    para(`Année ${data.year} · SIRET ${data.siret}${data.buyerType ? ` · ${data.buyerType}` : ""}`),
    heading("1. En bref", HeadingLevel.HEADING_1),
    ...summarySentences(data).map(bullet),
    heading("2. Indicateurs d'achats responsables", HeadingLevel.HEADING_1),
    para(
      `Chaque indicateur est calculé sur les marchés de l'acheteur notifiés en ${data.year}. ${targetsIntro(data)}`,
    ),
    ...shown(data).flatMap((i) =>
      indicatorParts(
        i,
        charts.find((c) => c.indicator === i.definition.id),
        data.year,
      ),
    ),
    ...(empty(data).length > 0
      ? [
          heading("Indicateurs sans valeur, ni cette année ni avant", HeadingLevel.HEADING_3),
          table(
            ["Indicateur", "Situation", `Marchés concernés en ${data.year}`, "Objectif"],
            empty(data).map((i) => [
              i.definition.title,
              statusText(i),
              concernedText(i),
              targetText(i),
            ]),
          ),
        ]
      : []),
    heading(PEERS_TITLE, HeadingLevel.HEADING_1),
    ...peersIntro(data.peers).map(para),
    ...(data.peers && data.peers.indicators.length > 0
      ? [table(PEER_HEADERS, data.peers.indicators.map(peerCells))]
      : []),
    heading("4. Principaux fournisseurs", HeadingLevel.HEADING_1),
    para(
      `${suppliersLead(data.suppliers.length, data.year)} (montant d'un marché partagé à parts égales entre ses titulaires). Taille, appartenance à l'économie sociale et solidaire et localisation viennent du répertoire SIRENE ; quand il ne les donne pas, elles sont dites inconnues.`,
    ),
    table(
      ["Entreprise", "Identifiant", "Marchés", "Montant (part)", "Taille", "ESS", "Localisation"],
      data.suppliers.map((s) => [
        s.nom ?? "nom inconnu",
        s.titulaire_id,
        formatInteger(s.contracts),
        formatNumber(s.amount_split, "euro"),
        sizeText(s),
        essText(s),
        localText(s),
      ]),
    ),
    ...supplierPicture(data).map(bullet),
    heading("5. Qualité des données publiées", HeadingLevel.HEADING_1),
    para(gradeText(q)),
    table(
      ["Règle", "Marchés conformes", "N", "Couverture", "Poids"],
      q.components.map((c) => [
        c.title,
        ruleValueText(c, formatShare),
        formatInteger(c.n),
        c.coverage === null ? "sans objet" : formatShare(c.coverage),
        c.counted ? formatNumber(c.weight, "decimal") : "non compté",
      ]),
    ),
    ...q.components
      .map(unverifiableText)
      .filter((text) => text !== null)
      .map((text) => bullet(text)),
    para(
      q.records.length === 0
        ? `${recordsToFixText(0, true)}.`
        : `${recordsToFixText(q.records.length, true)} ; la liste complète, avec le nom de chaque champ dans les données publiées, se télécharge depuis la fiche de l'acheteur.`,
    ),
    heading("Annexe : méthode", HeadingLevel.HEADING_1),
    para(
      `Version des données (identifiant du chargement) : ${data.snapshot.id}, chargée le ${formatDay(data.snapshot.loaded_at)}. Document produit le ${formatDay(data.generatedAt)}. Les mêmes données et les mêmes définitions redonnent le même rapport : ${regenerateText(data)}.`,
    ),
    para(FORMATS_TEXT),
    ...GLOSSARY.map(([term, words]) => labelled(term, words)),
    // The methods of the indicators with a block; the others' are on their page (html-annex.ts).
    ...shown(data).flatMap((i) => [
      heading(i.definition.title, HeadingLevel.HEADING_3),
      bullet(`Formule : ${i.definition.formula}`),
      ...[formatNote(i)].filter((note) => note !== null).map(bullet),
      bullet(
        `Source de la définition : ${i.definition.source.name} ; version ${i.definition.version} de la définition`,
      ),
      ...i.definition.caveats.map((c) => bullet(`Précaution : ${c}`)),
    ]),
    ...[otherMethodsText(data)].filter((text) => text !== null).map(para),
    heading("La note de qualité de publication", HeadingLevel.HEADING_3),
    para(
      `${qd.description} Version ${qd.version} de la définition. Seuils : ${qd.grades.map((g) => `${g.grade} à partir de ${formatShare(g.min_score)}`).join(", ")} (${qd.grades_source}).`,
    ),
    ...qd.components.map((c) => bullet(`${c.title} (poids ${c.weight}) : ${c.description}`)),
  ];
  const document = new Document({
    creator: "Observatoire de la commande publique",
    title: `${TITLE} ${data.year} – ${buyerName(data)}`,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
