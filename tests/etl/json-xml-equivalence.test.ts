// The official examples published both as JSON and as XML give the same canonical rows, record by
// record. The official files are not perfect twins: where the publisher changed a value between the
// JSON and the XML example, the difference is listed below, and the test checks that the published
// raw records really differ there, so the list cannot hide a reader's mistake.
import { createReadStream } from "node:fs";
import { describe, expect, it } from "vitest";
import { readJsonRecords } from "../../etl/formats/json-reader.ts";
import { readXmlRecords } from "../../etl/formats/xml-reader.ts";
import type { ContainerShape, SourceRecord } from "../../etl/formats/types.ts";
import { normaliseRecord, type NormalisedRecord } from "../../etl/normalise/record.ts";
import { TEST_TODAY } from "../helpers/samples-db.ts";
import { fixture } from "../helpers/fixtures.ts";

interface Pair {
  label: string;
  json: string;
  xml: string;
  /** record index → canonical paths that differ because the published files differ, with the raw path. */
  published: Record<number, Record<string, string>>;
  /** Records present in one file only (the JSON example has a second record the XML lacks). */
  compared: number;
}

const BUYER_V2 = {
  uid: "acheteur",
  "contract.uid": "acheteur",
  "contract.acheteur_id": "acheteur",
};
const AUTHORITY = {
  uid: "autoriteConcedante",
  "concession.uid": "autoriteConcedante",
  "concession.autorite_concedante_id": "autoriteConcedante",
  "concession.id": "id",
  holders: "autoriteConcedante",
};

const PAIRS: Pair[] = [
  {
    label: "marché with modifications, v1.5",
    json: "official-v1.5-example-mar-avec-modifications.json",
    xml: "official-v1.5-example-mar-avec-modifications.xml",
    compared: 1,
    // The XML example is contract …1203 with three modifications; the JSON one is …1201 with one.
    published: {
      0: {
        uid: "id",
        "contract.uid": "id",
        "contract.id": "id",
        "contract.duree_mois": "modifications",
        "contract.modifications_count": "modifications",
        modifications: "modifications",
        suppliers: "id",
      },
    },
  },
  {
    label: "concession with modifications, v1.5",
    json: "official-v1.5-example-cc-avec-modifications.json",
    xml: "official-v1.5-example-cc-avec-modifications.xml",
    compared: 1,
    // The XML example's modifications carry other signature and publication dates.
    published: { 0: { modifications: "modifications" } },
  },
  {
    label: "marchés, v2.0.x",
    json: "official-v2.0.x-example-marches_avec_modifications.json",
    xml: "official-v2.0.x-example-Marche.xml",
    compared: 1,
    // Another buyer id and objet, sous-traitance dates one year apart, no modification in the XML.
    published: {
      0: {
        ...BUYER_V2,
        "contract.objet": "objet",
        contentKey: "objet",
        "contract.duree_mois": "modifications",
        "contract.modifications_count": "modifications",
        "contract.montant": "modifications",
        "contract.montant_modification_ecartee": "modifications",
        modifications: "modifications",
        suppliers: "acheteur",
        subcontracting: "actesSousTraitance",
      },
    },
  },
  {
    label: "concessions, v2.0.x",
    json: "official-v2.0.x-example-concessions.json",
    xml: "official-v2.0.x-example-Contrat-concession.xml",
    compared: 2,
    // Other authority, id and objet; the XML adds execution data.
    published: {
      0: {
        ...AUTHORITY,
        "concession.objet": "objet",
        contentKey: "objet",
        execution: "donneesExecution",
      },
      1: { "concession.objet": "objet", contentKey: "objet", execution: "donneesExecution" },
    },
  },
  {
    label: "concessions with modifications, v2.0.x",
    json: "official-v2.0.x-example-concessions_avec_modifications.json",
    xml: "official-v2.0.x-example-Contrat-concession-modification.xml",
    compared: 2,
    // As above, and the modifications are dated one year apart.
    published: {
      0: {
        ...AUTHORITY,
        "concession.objet": "objet",
        contentKey: "objet",
        modifications: "modifications",
        execution: "donneesExecution",
      },
      1: {
        "concession.objet": "objet",
        contentKey: "objet",
        modifications: "modifications",
        execution: "donneesExecution",
      },
    },
  },
];

async function normaliseAll(
  file: string,
): Promise<{ records: SourceRecord[]; rows: NormalisedRecord[] }> {
  let shape: ContainerShape = "json-array";
  const path = fixture(file);
  const reader = file.endsWith(".xml")
    ? readXmlRecords(path, file, (s) => (shape = s))
    : readJsonRecords(createReadStream(path), file, (s) => (shape = s));
  const records: SourceRecord[] = [];
  for await (const record of reader) records.push(record);
  return { records, rows: records.map((r) => normaliseRecord(r, shape, TEST_TODAY)) };
}

/** The canonical rows of a record as flat paths (issues are not rows). */
function canonical(record: NormalisedRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === "issues" || key === "format") continue;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) out[`${key}.${k}`] = v;
    } else out[key] = value;
  }
  return out;
}

describe.each(PAIRS)("$label", (pair) => {
  it("gives the same canonical rows from JSON and from XML", async () => {
    const json = await normaliseAll(pair.json);
    const xml = await normaliseAll(pair.xml);
    for (let i = 0; i < pair.compared; i++) {
      const a = canonical(json.rows[i]);
      const b = canonical(xml.rows[i]);
      expect(a.type).not.toBe("reject");
      const allowed = pair.published[i] ?? {};
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        const differs = JSON.stringify(a[key]) !== JSON.stringify(b[key]);
        if (!(key in allowed)) {
          expect(b[key], `${pair.xml} record ${i}: ${key}`).toEqual(a[key]);
        } else if (differs) {
          // A listed difference must come from the published records themselves.
          const rawJson = JSON.stringify(
            (json.records[i].value as Record<string, unknown>)[allowed[key]],
          );
          const rawXml = JSON.stringify(
            (xml.records[i].value as Record<string, unknown>)[allowed[key]],
          );
          expect(
            rawXml,
            `${key} differs but ${allowed[key]} is the same in both files`,
          ).not.toEqual(rawJson);
        }
      }
    }
  });
});
