// Fictitious test records published by mistake in real files (AIFE/PLACE, 2019): buyer "Essentiel",
// objects "Le marché du siècle", "Le marché noir", "Le marché final", sometimes mangled by U+FFFD.
// The same test buyer appears as the autorité concédante of fictitious concessions. They are
// rejected with their own reason, so they stay visible in the rejects table.
import { foldWording } from "../../lib/vocabulary.ts";
import { child, type Tree } from "./structure.ts";

const TEST_OBJECTS = /^le march.{0,2} (noir|du si.{1,2}cle|final)$/;
// Cheap pre-checks, so that folding (slow) runs only on the few candidate values.
const MAYBE_TEST_OBJECT = /^\s*le\s+march/i;
const TEST_BUYER = /^\s*essentiel\s*$/i;

export function isFictitiousTestRecord(record: Tree): boolean {
  const objet = record.objet;
  if (typeof objet === "string" && MAYBE_TEST_OBJECT.test(objet)) {
    if (TEST_OBJECTS.test(foldWording(objet))) return true;
  }
  return ["acheteur", "autoriteConcedante"].some((party) => {
    const name = child(record, party).nom;
    return typeof name === "string" && TEST_BUYER.test(name);
  });
}
