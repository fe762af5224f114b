// The workshop's form, step by step in plain French: what is counted, the measure, the contracts
// it is about, breakdowns and filters, how to read it, how to present it. Every control edits the
// draft in place and calls `onChange`; the measure's part is drawn again when its kind changes
// (the kind's select stays, with the focus).
import { h, replace } from "../dom.js";
import { conditionEditor } from "./condition-editor.js";
import { checkboxControl, numberOrText, selectControl, textControl } from "./controls.js";
import { applyKindDefaults, MEASURE_KINDS, measureOfKind } from "./draft.js";

/** @typedef {import("./draft.js").Draft} Draft */
/** @typedef {import("./draft.js").Part} Part */
/** @typedef {import("../types.js").WorkshopModel} WorkshopModel */
/** @typedef {import("./controls.js").Context} Context */

const UNITS = [
  ["contracts", "marchés"],
  ["euros", "euros"],
  ["share", "part"],
  ["days", "jours"],
  ["months", "mois"],
  ["offers", "offres"],
  ["buyers", "acheteurs"],
];
const FORMATS = [
  ["integer", "nombre entier"],
  ["decimal", "nombre décimal"],
  ["percent", "pourcentage"],
  ["euro", "montant en euros"],
];
const POLARITIES = [
  ["neutral", "neutre : ni haut ni bas n'est « mieux »"],
  ["higher_is_better", "plus c'est haut, mieux c'est"],
  ["lower_is_better", "plus c'est bas, mieux c'est"],
];
const options = (/** @type {string[][]} */ pairs) =>
  pairs.map(([value = "", label = ""]) => ({ value, label }));

/**
 * @param {{ draft: () => Draft, model: WorkshopModel, context: Context }} options
 */
export function workshopForm({ draft, model, context }) {
  const fields = model.fields;
  const numeric = fields.filter((f) => f.type === "number" || f.type === "integer");
  const fieldOptions = fields.map((f) => ({ value: f.id, label: f.label }));
  const dimensionOptions = model.dimensions.map((d) => ({ value: d.id, label: d.label }));
  const d = draft;

  const measurePart = h("div", { class: "measure-part" });
  /** @param {string} path @param {string} label @param {() => Part} get */
  const partEditor = (path, label, get) => {
    const kind = selectControl(
      context,
      `${path}.kind`,
      `${label} : on compte`,
      [
        { value: "count_distinct", label: "des marchés" },
        { value: "sum", label: "une somme de montants" },
      ],
      () => get().kind,
      (value) => {
        const part = get();
        part.kind = value;
        if (value === "sum") part.field = part.field ?? "amount";
        else delete part.field;
        drawMeasure();
      },
    );
    const field =
      get().kind === "sum"
        ? selectControl(
            context,
            `${path}.field`,
            "Montant additionné",
            numeric.map((f) => ({ value: f.id, label: f.label })),
            () => get().field ?? "",
            (value) => (get().field = value),
          )
        : null;
    const where = conditionEditor({
      ...context,
      base: `${path}.where`,
      legend: `${label} : les marchés qui comptent`,
      fields,
      get: () => get().where,
      set: (c) => {
        if (c === undefined) delete get().where;
        else get().where = c;
      },
    });
    return h("div", { class: "measure-part__side" }, kind, field, where.element);
  };

  function drawMeasure() {
    const m = d().measure;
    const known = MEASURE_KINDS.some((k) => k.kind === m.kind);
    if (!known) {
      replace(
        measurePart,
        h(
          "p",
          { class: "notice notice--info" },
          `Mesure « ${m.kind} » reprise telle quelle du catalogue : elle se modifie dans le fichier YAML.`,
        ),
      );
      return;
    }
    if (m.kind === "ratio") {
      const numerator = () => /** @type {Part} */ (d().measure.numerator);
      const denominator = () => /** @type {Part} */ (d().measure.denominator);
      replace(
        measurePart,
        h(
          "p",
          { class: "note" },
          "Une part = numérateur / dénominateur. Le dénominateur nomme les marchés où l'information est renseignée : un champ vide n'est pas un « non ».",
        ),
        partEditor("measure.numerator", "Numérateur", numerator),
        partEditor("measure.denominator", "Dénominateur", denominator),
      );
      return;
    }
    const field =
      m.kind === "count_distinct"
        ? null
        : selectControl(
            context,
            "measure.field",
            "Champ mesuré",
            [{ value: "", label: "— choisir un champ —" }, ...fieldOptions],
            () => d().measure.field ?? "",
            (value) => (d().measure.field = value),
            "Une somme, une moyenne, une médiane, un minimum ou un maximum portent sur un champ numérique.",
          );
    const where = conditionEditor({
      ...context,
      base: "measure.where",
      legend: "Les marchés qui comptent",
      fields,
      get: () => d().measure.where,
      set: (c) => {
        if (c === undefined) delete d().measure.where;
        else d().measure.where = c;
      },
    });
    replace(measurePart, field, where.element);
  }

  const kind = selectControl(
    context,
    "measure.kind",
    "Type de mesure",
    [
      ...MEASURE_KINDS.map((k) => ({ value: k.kind, label: k.label })),
      ...(MEASURE_KINDS.some((k) => k.kind === d().measure.kind)
        ? []
        : [{ value: d().measure.kind, label: d().measure.kind }]),
    ],
    () => d().measure.kind,
    (value) => {
      d().measure = measureOfKind(value, d().measure);
      applyKindDefaults(d(), value);
      unit.querySelector("select")?.replaceChildren(...unitOptions(d().unit));
      format.querySelector("select")?.replaceChildren(...formatOptions(d().format));
      drawMeasure();
    },
  );
  const unitOptions = (/** @type {string} */ current) =>
    options(UNITS).map((o) =>
      h("option", { value: o.value, selected: o.value === current }, o.label),
    );
  const formatOptions = (/** @type {string} */ current) =>
    options(FORMATS).map((o) =>
      h("option", { value: o.value, selected: o.value === current }, o.label),
    );
  const unit = selectControl(
    context,
    "unit",
    "Unité",
    options(UNITS),
    () => d().unit,
    (v) => (d().unit = v),
  );
  const format = selectControl(
    context,
    "format",
    "Présentation du nombre",
    options(FORMATS),
    () => d().format,
    (v) => (d().format = v),
  );
  drawMeasure();

  const scope = conditionEditor({
    ...context,
    base: "scope",
    legend: "Marchés concernés (le périmètre de l'indicateur)",
    hint: "Laisser vide pour tous les marchés.",
    fields,
    get: () => d().scope,
    set: (c) => {
      if (c === undefined) delete d().scope;
      else d().scope = c;
    },
  });
  const target = () => (d().target ??= {});
  const setTarget = (
    /** @type {"value" | "year" | "label" | "source"} */ key,
    /** @type {string | number | undefined} */ value,
  ) => {
    const t = target();
    if (value === undefined || value === "") delete t[key];
    // A number box may hold a text not yet a number (numberOrText): the server names it there.
    else /** @type {Record<string, string | number>} */ (t)[key] = value;
    if (Object.keys(t).length === 0) delete d().target;
  };

  const section = (
    /** @type {string} */ title,
    /** @type {(HTMLElement | null)[]} */ ...children
  ) => h("section", { class: "workshop-step" }, h("h2", {}, title), children);

  return h(
    "div",
    { class: "workshop-form" },
    section(
      "1. Ce que l'on compte",
      selectControl(
        context,
        "counting_unit",
        "Chaque marché compte",
        [
          { value: "contract", label: "une fois (même avec plusieurs titulaires)" },
          { value: "contract_supplier", label: "une fois par titulaire (positions de titulaires)" },
        ],
        () => d().counting_unit,
        (v) => (d().counting_unit = v),
      ),
      selectControl(
        context,
        "requires_format",
        "Format des données",
        [
          { value: "any", label: "les deux formats (2019 et 2024)" },
          { value: "v2", label: "format 2024 seulement (champs qui n'existent pas en 2019)" },
        ],
        () => d().requires_format,
        (v) => (d().requires_format = v),
      ),
      scope.element,
    ),
    section("2. La mesure", kind, measurePart, unit, format),
    section(
      "3. Ce que le chiffre doit pouvoir dire",
      checkboxControl(
        context,
        "requires_fields",
        "Champs qui doivent être renseignés (couverture)",
        fieldOptions,
        () => d().requires_fields,
        (v) => (d().requires_fields = v),
        "Un marché où l'un d'eux est vide baisse la couverture au lieu de fausser le chiffre.",
      ),
      checkboxControl(
        context,
        "breakdowns",
        "Ventilations permises",
        dimensionOptions,
        () => d().breakdowns,
        (v) => (d().breakdowns = v),
      ),
      checkboxControl(
        context,
        "filters",
        "Filtres permis",
        dimensionOptions,
        () => d().filters,
        (v) => (d().filters = v),
      ),
    ),
    section(
      "4. Comment le lire",
      textControl(
        context,
        "min_n",
        "Nombre minimal de marchés (N) pour publier une valeur",
        () => String(d().min_n ?? ""),
        (v) => {
          const value = numberOrText(v);
          if (value === undefined) delete d().min_n;
          else d().min_n = value;
        },
        { type: "number" },
      ),
      selectControl(
        context,
        "polarity",
        "Sens de lecture",
        options(POLARITIES),
        () => d().polarity,
        (v) => (d().polarity = v),
      ),
      textControl(
        context,
        "target.value",
        "Cible (pour une part, 0,3 = 30 %)",
        () => String(d().target?.value ?? ""),
        (v) => setTarget("value", numberOrText(v)),
      ),
      textControl(
        context,
        "target.year",
        "Année de la cible",
        () => String(d().target?.year ?? ""),
        (v) => setTarget("year", numberOrText(v)),
      ),
      textControl(
        context,
        "target.label",
        "Cible en une phrase",
        () => d().target?.label ?? "",
        (v) => setTarget("label", v),
      ),
      textControl(
        context,
        "target.source",
        "Source de la cible (texte officiel, plan…)",
        () => d().target?.source ?? "",
        (v) => setTarget("source", v),
      ),
    ),
    section(
      "5. Comment le présenter",
      textControl(
        context,
        "title",
        "Titre",
        () => d().title,
        (v) => (d().title = v),
      ),
      textControl(
        context,
        "id",
        "Identifiant (nom du fichier)",
        () => d().id,
        (v) => (d().id = v),
        { hint: "Minuscules sans accents, chiffres et _ : social_clause_share." },
      ),
      textControl(
        context,
        "description",
        "Description en mots simples",
        () => d().description,
        (v) => (d().description = v),
        { multiline: true },
      ),
      textControl(
        context,
        "formula",
        "Formule, en mots",
        () => d().formula,
        (v) => (d().formula = v),
        { hint: "Ajoutée à la fin de la description (« Formule : … »), comme dans le catalogue." },
      ),
      textControl(
        context,
        "caveats",
        "Précautions de lecture (une par ligne)",
        () => d().caveats.join("\n"),
        (v) =>
          (d().caveats = v
            .split("\n")
            .map((t) => t.trim())
            .filter(Boolean)),
        { multiline: true },
      ),
      textControl(
        context,
        "source.name",
        "Source de la définition",
        () => d().source.name,
        (v) => (d().source.name = v),
      ),
      textControl(
        context,
        "source.url",
        "Adresse de la source (facultatif)",
        () => d().source.url ?? "",
        (v) => (d().source.url = v),
        { type: "url" },
      ),
    ),
  );
}
