// The buyer, supplier and contract pages (routes/buyers.ts, suppliers.ts, contracts.ts, SQL in
// lookups/). Coded columns come with `<column>_label`, their French words (lookups/labels.ts).
import { z } from "zod";
import { CONTRACT_COLUMNS, type ColumnType } from "../../indicators/compiler/canonical.ts";
import { COLUMN_VOCABULARIES, type CodedColumn } from "../lookups/vocabularies.ts";
import { Count, DayOrNull, Euros, stamped } from "./common.ts";

const Text = z.string().nullable();
const Siret = z.string().regex(/^\d{14}$/);

type LabelOf<T> =
  T extends z.ZodNullable<z.ZodArray<z.ZodType>>
    ? z.ZodNullable<z.ZodArray<z.ZodString>>
    : z.ZodNullable<z.ZodString>;
type WithLabels<Shape> = Shape & {
  [K in Extract<keyof Shape, CodedColumn> as `${K}_label`]: LabelOf<Shape[K]>;
};

/** The shape's coded columns get their label column (a list of labels for a list of codes). */
function labelled<Shape extends Record<string, z.ZodType>>(shape: Shape) {
  const labels: Record<string, z.ZodType> = {};
  for (const [column, schema] of Object.entries(shape)) {
    if (!(column in COLUMN_VOCABULARIES)) continue;
    const list = schema instanceof z.ZodNullable && schema.unwrap() instanceof z.ZodArray;
    labels[`${column}_label`] = list ? z.array(z.string()).nullable() : Text;
  }
  return z.strictObject({ ...shape, ...labels } as WithLabels<Shape>);
}

const Companies = z
  .array(
    z.strictObject({
      siren: Text.describe("null for an identifier that is not a SIRET (a group of its own)."),
      nom: Text.describe("The company's name (who's who), else its first establishment's."),
      contracts: Count.describe("Contracts of the establishments listed."),
      establishments: z.array(z.string()).describe("Identifiers, as in the flat list."),
    }),
  )
  .describe("The same results grouped by company (SIREN), in the same order.");

/** A party's place in a profile (lookups/place.ts): codes and the COG's names, null when unknown. */
const placeFields = (whose: string) => ({
  departement: Text.describe(`Where ${whose} is.`),
  departement_nom: Text,
  region: Text,
  region_nom: Text,
});

/** The N of an amount in a row: beside `contracts`, the contracts it sums. */
const AmountN = Count.describe(
  "N of the row's amount: its contracts whose amount it sums (published and not suspect); `contracts` counts them all.",
);

export const BuyerSearchSchema = stamped({
  buyers: z.array(
    z.strictObject({
      siret: z.string(),
      siren: Text.describe(
        "The company (legal unit) of the SIRET; establishments of one are listed together.",
      ),
      nom: Text.describe("Who's who name (SIRENE, collectivités lists, tabular feed, DECP)."),
      departement: Text.describe(
        "Where the buyer is, as the who's who places it (its collectivité or SIRENE establishment): tells apart buyers of one name (« Commune de Saint-Paul »); null when unknown.",
      ),
      departement_nom: Text,
      contracts: Count,
      amount: Euros,
      amount_contracts: AmountN,
    }),
  ),
  companies: Companies,
});

const yearRow = <Amount extends string>(amount: Amount) =>
  z.strictObject({
    year: z.int().nullable(),
    contracts: Count,
    [amount]: Euros,
    amount_contracts: AmountN,
  } as {
    year: z.ZodNullable<z.ZodInt>;
    contracts: typeof Count;
    amount_contracts: typeof AmountN;
  } & Record<Amount, typeof Euros>);

const contractRow = {
  uid: z.string(),
  id: Text,
  objet: Text,
  date_notification: DayOrNull,
  montant: z.number().nullable(),
  montant_suspect: z.boolean(),
  procedure: Text,
  type_marche: Text,
  titulaires_count: Count,
};

export const BuyerSummarySchema = stamped({
  siret: Siret,
  nom: Text.describe(
    "The who's who name (SIRENE, collectivités lists, tabular feed, else the name published in the DECP); « Acheteur non identifié » for a placeholder id.",
  ),
  identified: z
    .boolean()
    .describe("False for a placeholder id (00000000000000): no buyer is named by it."),
  totals: z.strictObject({
    contracts: Count,
    amount: Euros.describe("Suspect amounts left out."),
    amount_contracts: Count.describe(
      "N of the amount: the contracts whose amount it sums (published and not suspect).",
    ),
    suspect_amounts: Count,
    first_notification: DayOrNull,
    last_notification: DayOrNull,
    contracts_2024_format: Count,
  }),
  by_year: z.array(yearRow("amount")),
  procedures: z.array(
    labelled({ procedure: Text, contracts: Count, amount: Euros, amount_contracts: AmountN }),
  ),
  types: z.array(
    labelled({ type_marche: Text, contracts: Count, amount: Euros, amount_contracts: AmountN }),
  ),
  top_suppliers: z.array(
    z.strictObject({
      titulaire_id: z.string(),
      nom: Text,
      contracts: Count,
      amount_split: Euros.describe("A joint award's amount split equally among its titulaires."),
      amount_contracts: AmountN,
    }),
  ),
  places: z.array(z.strictObject({ departement: Text, departement_nom: Text, contracts: Count })),
  profile: z
    .strictObject({
      type_acheteur: Text.describe(
        "The buyer's type (the model's dimension acheteur_type: région, département, commune by population band…); null when no reference file gives one.",
      ),
      type_acheteur_label: Text.describe("The type in French, as the peers and indicators say it."),
      population: Count.nullable().describe("Municipal population of a collectivité, else null."),
      ...placeFields("the buyer (its collectivité or SIRENE establishment)"),
    })
    .describe("What the who's who knows of the buyer; each field null when unknown."),
});

export const BuyerContractsSchema = stamped({
  siret: Siret,
  offset: Count,
  limit: Count,
  total: Count,
  contracts: z.array(labelled({ ...contractRow, nature: Text, decp_format: z.string() })),
});

export const SupplierSearchSchema = stamped({
  suppliers: z.array(
    z.strictObject({
      titulaire_id: z.string(),
      siren: Text.describe(
        "The company of a valid SIRET; establishments of one are listed together.",
      ),
      nom: Text,
      contracts: Count,
    }),
  ),
  companies: Companies,
});

export const SupplierSummarySchema = stamped({
  titulaire_id: z.string(),
  nom: Text.describe("« Titulaire non identifié » for a placeholder id."),
  identified: z
    .boolean()
    .describe("False for a placeholder id (00000000000000): no titulaire is named by it."),
  type_identifiant: Text,
  totals: z.strictObject({
    contracts: Count,
    amount_whole: Euros,
    amount_split: Euros,
    amount_contracts: Count.describe(
      "N of both amounts: the contracts whose amount they sum (published and not suspect).",
    ),
    joint_contracts: Count,
    buyers: Count,
    first_notification: DayOrNull,
    last_notification: DayOrNull,
  }),
  by_year: z.array(yearRow("amount_split")),
  top_buyers: z.array(
    z.strictObject({
      siret: z.string(),
      nom: Text,
      contracts: Count,
      amount_split: Euros,
      amount_contracts: AmountN,
    }),
  ),
  contracts: z.array(labelled({ ...contractRow, acheteur_id: z.string(), acheteur_nom: Text })),
  profile: z
    .strictObject({
      categorie_entreprise: Text.describe("PME, ETI or GE, as SIRENE or the feed gives it."),
      categorie_entreprise_label: Text.describe("The size in French, as the indicators say it."),
      categorie_entreprise_annee: z.int().nullable().describe("The year SIRENE assessed it."),
      ess: z
        .boolean()
        .nullable()
        .describe("Économie sociale et solidaire (SIRENE); null when unknown, never false for it."),
      ...placeFields("the titulaire's establishment (SIRENE or the feed)"),
    })
    .describe("What the who's who knows of the titulaire; each field null when unknown."),
});

export const ContractSearchSchema = stamped({
  words: z.array(z.string()).describe("The words searched, each required (lower case)."),
  contracts: z.array(
    z.strictObject({
      uid: z.string(),
      objet: Text,
      acheteur_id: z.string(),
      acheteur_nom: Text.describe("The buyer's who's who name, else the name it published."),
      date_notification: DayOrNull,
      montant: z.number().nullable(),
      montant_suspect: z.boolean(),
    }),
  ),
  truncated: z.boolean().describe("More contracts match than were given: add a word."),
});

const BY_TYPE = {
  string: Text,
  integer: z.int().nullable(),
  number: z.number().nullable(),
  boolean: z.boolean().nullable(),
  date: DayOrNull,
  string_list: z.array(z.string()).nullable(),
} as const satisfies Record<ColumnType, z.ZodType>;

type Columns = typeof CONTRACT_COLUMNS;

/** Every column of the contracts table (the engine's list, checked against etl/sql/schema.sql). */
const contractColumns = Object.fromEntries(
  Object.entries(CONTRACT_COLUMNS).map(([name, type]) => [name, BY_TYPE[type]]),
) as { [K in keyof Columns]: (typeof BY_TYPE)[Columns[K]] };

export const ContractSchema = stamped({
  contract: labelled({
    ...contractColumns,
    source: Text.describe("The name of the source file."),
    departement_nom: Text,
    region_nom: Text,
    cpv_division_libelle: Text,
    acheteur_nom_connu: Text.describe(
      "The buyer's who's who name, else the name it used in other contracts, if any.",
    ),
  }),
  suppliers: z.array(
    labelled({
      position: Count,
      type_identifiant: Text,
      titulaire_id: Text,
      denomination_sociale: Text,
      nom_connu: Text.describe(
        "The titulaire's who's who name, else the name it used in other contracts, if any.",
      ),
    }),
  ),
  modifications: z.array(
    z.strictObject({
      position: Count,
      id: Text,
      objet_modification: Text,
      date_notification: DayOrNull,
      date_publication_donnees: DayOrNull,
      duree_mois: z.number().nullable(),
      montant: z.number().nullable(),
      montant_suspect_delta: z.boolean(),
      titulaires: Text.describe("JSON array of the new titulaires, if any."),
    }),
  ),
  subcontracting: z.array(
    labelled({
      position: Count,
      id: Text,
      sous_traitant_type_identifiant: Text,
      sous_traitant_id: Text,
      duree_mois: z.number().nullable(),
      date_notification: DayOrNull,
      date_publication_donnees: DayOrNull,
      montant: z.number().nullable(),
      variation_prix: Text,
    }),
  ),
});
