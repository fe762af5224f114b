// Fictitious test records published by mistake in real files (AIFE/PLACE, 2019): buyer "Essentiel",
// objects "Le marché du siècle", "Le marché noir", "Le marché final", sometimes mangled by U+FFFD.
// They are rejected with their own reason, so they stay visible in the rejects table.
import { foldWording } from "./vocabulary.ts";
import { child, type Tree } from "./structure.ts";

const TEST_OBJECTS = /^le march.{0,2} (noir|du si.{1,2}cle|final)$/;

export function isFictitiousTestRecord(record: Tree): boolean {
  const objet = typeof record.objet === "string" ? foldWording(record.objet) : "";
  const buyer = child(record, "acheteur").nom;
  return (
    TEST_OBJECTS.test(objet) || (typeof buyer === "string" && foldWording(buyer) === "essentiel")
  );
}
