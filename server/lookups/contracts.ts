// One contract with everything published about it: its titulaires, modifications and
// subcontracting acts, with codes turned into words and place codes into names.
import type { Row } from "../../lib/duckdb.ts";
import type { Snapshot } from "../db.ts";
import { withLabels } from "./labels.ts";
import { namedParty } from "./unidentified.ts";

export interface ContractDetail {
  contract: Row;
  suppliers: Row[];
  modifications: Row[];
  subcontracting: Row[];
}

export async function contractDetail(
  snapshot: Snapshot,
  uid: string,
): Promise<ContractDetail | null> {
  const p = [uid];
  const [contract] = await snapshot.query(
    `SELECT c.*, d.nom AS departement_nom, r.nom AS region_nom, v.libelle AS cpv_division_libelle,
            -- The 2024 format publishes no names: the who's who's, else the one the buyer used
            -- elsewhere, if any (a placeholder id's: unidentified.ts).
            coalesce(c.acheteur_denomination,
              (SELECT mode(o.acheteur_nom) FROM contracts o WHERE o.acheteur_id = c.acheteur_id))
              AS acheteur_nom_connu
       FROM contracts c
       LEFT JOIN ref_departements d ON d.code = c.departement
       LEFT JOIN ref_regions r ON r.code = c.region
       LEFT JOIN ref_cpv_divisions v ON v.division = c.cpv_division
      WHERE c.uid = $1`,
    p,
  );
  if (!contract) return null;
  const suppliers = await snapshot.query(
    `SELECT s.position, s.type_identifiant, s.titulaire_id, s.denomination_sociale,
            coalesce((SELECT t.nom FROM titulaires t WHERE t.titulaire_id = s.titulaire_id),
              (SELECT mode(o.denomination_sociale) FROM contract_suppliers o
                WHERE o.titulaire_id = s.titulaire_id)) AS nom_connu
       FROM contract_suppliers s WHERE s.uid = $1 ORDER BY s.position`,
    p,
  );
  const modifications = await snapshot.query(
    `SELECT position, id, objet_modification, date_notification, date_publication_donnees,
            duree_mois, montant, montant_suspect_delta, titulaires
       FROM contract_modifications WHERE uid = $1 ORDER BY position`,
    p,
  );
  const subcontracting = await snapshot.query(
    `SELECT position, id, sous_traitant_type_identifiant, sous_traitant_id, duree_mois,
            date_notification, date_publication_donnees, montant, variation_prix
       FROM subcontracting_acts WHERE uid = $1 ORDER BY position`,
    p,
  );
  // The internal path of the source file says nothing to a reader; its name does.
  const source = typeof contract.source === "string" ? contract.source.split("/").pop() : null;
  return {
    contract: withLabels(
      namedParty({ ...contract, source: source ?? null }, "buyer", "acheteur_id", [
        "acheteur_nom_connu",
      ]),
    ),
    suppliers: suppliers.map((s) =>
      withLabels(namedParty(s, "supplier", "titulaire_id", ["nom_connu"])),
    ),
    modifications,
    subcontracting: subcontracting.map(withLabels),
  };
}
