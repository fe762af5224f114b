// Loads every SPASER file of a folder (indicators/spaser/ by default). A broken file yields all
// its problems (file + dotted path) and is left out; the others still load. One file must hold
// the national defaults; a buyer may belong to one plan only, so its targets are never ambiguous.
import { readdirSync } from "node:fs";
import { basename, isAbsolute, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Issue } from "../compiler/errors.ts";
import type { Catalogue } from "../compiler/load.ts";
import { readYamlFile } from "../compiler/yaml-file.ts";
import { fromZodIssues } from "../compiler/zod-issues.ts";
import { checkPlan } from "./check.ts";
import { SpaserSchema, type SpaserFile } from "./schema.ts";

export type SpaserPlan = SpaserFile & { readonly file: string };
export type BuyerPlan = Extract<SpaserPlan, { kind: "buyer" }>;
export type NationalPlan = Extract<SpaserPlan, { kind: "national" }>;

export interface SpaserCatalogue {
  plans: BuyerPlan[];
  /** The targets that apply where a buyer has no plan; null when the file is missing or broken. */
  national: NationalPlan | null;
  /** Problems of the files left out; empty when every file loaded. */
  errors: Issue[];
}

export const DEFAULT_SPASER_DIR = fileURLToPath(new URL("../spaser", import.meta.url));

export function loadPlans(
  catalogue: Pick<Catalogue, "definitions" | "model">,
  dir: string = DEFAULT_SPASER_DIR,
): SpaserCatalogue {
  const files = readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  const result: SpaserCatalogue = { plans: [], national: null, errors: [] };
  const owner = new Map<string, string>();
  for (const name of files) {
    const file = displayPath(join(dir, name));
    const plan = parsePlan(readYamlFile(join(dir, name), file), file, catalogue, result.errors);
    if (!plan) continue;
    if (plan.kind === "national") {
      if (result.national) {
        result.errors.push(
          issue(file, "kind", `national defaults are already in ${result.national.file}`),
        );
      } else result.national = plan;
      continue;
    }
    const taken = plan.buyers.flatMap((b, i) => {
      const other = owner.get(b.id);
      return other
        ? [issue(file, `buyers.${i}.id`, `buyer ${b.id} already has a plan in ${other}`)]
        : [];
    });
    if (taken.length > 0) {
      result.errors.push(...taken);
      continue;
    }
    for (const b of plan.buyers) owner.set(b.id, file);
    result.plans.push(plan);
  }
  if (!result.national && !result.errors.some((e) => e.path === "kind")) {
    result.errors.push(
      issue(displayPath(dir), "", "no file of national defaults (kind: national)"),
    );
  }
  return result;
}

function parsePlan(
  read: { value: unknown; issues: Issue[] },
  file: string,
  catalogue: Pick<Catalogue, "definitions" | "model">,
  errors: Issue[],
): SpaserPlan | null {
  if (read.issues.length > 0) {
    errors.push(...read.issues);
    return null;
  }
  const parsed = SpaserSchema.safeParse(read.value);
  if (!parsed.success) {
    errors.push(...fromZodIssues(parsed.error.issues, file, "invalid_spaser"));
    return null;
  }
  const expectedId = basename(file).replace(/\.ya?ml$/, "");
  const issues = checkPlan(parsed.data, catalogue.definitions, catalogue.model, file, expectedId);
  if (issues.length > 0) {
    errors.push(...issues);
    return null;
  }
  return { ...parsed.data, file };
}

/** The plan covering a buyer: its SIRET listed, or its SIREN (the first nine digits). */
export function planOfBuyer(catalogue: SpaserCatalogue, siret: string): BuyerPlan | null {
  const siren = siret.slice(0, 9);
  return (
    catalogue.plans.find((p) => p.buyers.some((b) => b.id === siret || b.id === siren)) ?? null
  );
}

function issue(file: string, path: string, message: string): Issue {
  return { code: "invalid_spaser", file, path, message };
}

/** Paths in messages are relative to the working directory when inside it. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
