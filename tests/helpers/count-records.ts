// Counts the marchés and concessions of a DECP file independently of the ETL's streaming reader:
// the whole (small) file is parsed at once, or, for XML, record elements are counted by pattern.
import { readFileSync } from "node:fs";

export function countRecords(path: string): number {
  const text = readFileSync(path, "utf8");
  if (path.endsWith(".xml"))
    return (text.match(/<(marche|contrat-concession)[\s>/]/g) ?? []).length;
  const data = JSON.parse(text.replace(/:\s*NaN\b/g, ": null")) as { marches: unknown };
  if (Array.isArray(data.marches)) return data.marches.length;
  return Object.values(data.marches as Record<string, unknown[]>).reduce(
    (sum, list) => sum + list.length,
    0,
  );
}
