// Checks of path and query values the lookups take. Each failure names the parameter at fault.
// Names, bounds and defaults come from the declarations of api-schemas/parameters.ts, which the
// OpenAPI document describes too.
import type { Request } from "express";
import { z } from "zod";
import { SIRET, SUPPLIER_ID } from "./api-schemas/parameters.ts";
import { badRequest } from "./errors.ts";

/** One string value of a query parameter (a repeated parameter is an error). */
export function queryString(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw badRequest(name, `donnez ${name} une seule fois`);
  return value;
}

/** The query parameters a route declares. */
export const queryNames = (schema: z.ZodObject): string[] => Object.keys(schema.shape);

export function rejectUnknownQuery(req: Request, allowed: readonly string[]): void {
  for (const key of Object.keys(req.query)) {
    if (!allowed.includes(key)) {
      throw badRequest(
        key.slice(0, 60),
        `paramètre inconnu ; paramètres permis : ${allowed.join(", ") || "aucun"}`,
        "unknown_parameter",
      );
    }
  }
}

export function siretParam(value: string | undefined, name = "siret"): string {
  if (value === undefined || !SIRET.test(value)) {
    throw badRequest(name, `${name} s'écrit avec 14 chiffres`);
  }
  return value;
}

export function supplierIdParam(value: string | undefined, name = "id"): string {
  if (value === undefined || !SUPPLIER_ID.test(value)) {
    throw badRequest(name, `${name} s'écrit avec 1 à 60 lettres, chiffres, espaces ou . _ / -`);
  }
  return value;
}

export function textParam(value: string | undefined, name: string, max: number): string {
  if (value === undefined || value.trim() === "") throw badRequest(name, `${name} est obligatoire`);
  if (value.length > max) throw badRequest(name, `${name} dépasse ${max} caractères`);
  return value.trim();
}

export function intParam(
  value: string | undefined,
  name: string,
  { min, max, fallback }: { min: number; max: number; fallback: number },
): number {
  if (value === undefined || value === "") return fallback;
  if (!/^-?\d+$/.test(value)) throw badRequest(name, `${name} doit être un nombre entier`);
  const number = Number(value);
  if (number < min || number > max) {
    throw badRequest(name, `${name} doit être entre ${min} et ${max}`);
  }
  return number;
}

/** An integer query parameter with the bounds and default its declaration gives. */
export function intQuery(req: Request, name: string, schema: z.ZodDefault<z.ZodNumber>): number {
  const bounds = schema.unwrap();
  return intParam(queryString(req, name), name, {
    min: bounds.minValue ?? 0,
    max: bounds.maxValue ?? Number.MAX_SAFE_INTEGER,
    fallback: Number(schema.def.defaultValue),
  });
}

/** A LIKE pattern matching `text` literally: % and _ typed by a user are not wildcards. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An optional integer query parameter within a declared schema's bounds. */
export function optionalIntQuery(
  req: Request,
  name: string,
  schema: z.ZodOptional<z.ZodNumber> | z.ZodNumber,
): number | null {
  const value = queryString(req, name);
  if (value === undefined || value === "") return null;
  const bounds = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
  return intParam(value, name, {
    min: bounds.minValue ?? 0,
    max: bounds.maxValue ?? Number.MAX_SAFE_INTEGER,
    fallback: 0,
  });
}

/** A query parameter that takes one of a closed list of values. */
export function enumQuery<const T extends string>(
  req: Request,
  name: string,
  values: readonly T[],
  fallback?: T,
): T {
  const value = queryString(req, name) ?? fallback;
  if (value === undefined) throw badRequest(name, `${name} est obligatoire : ${values.join(", ")}`);
  if (!(values as readonly string[]).includes(value)) {
    throw badRequest(name, `${name} doit être l'une des valeurs ${values.join(", ")}`);
  }
  return value as T;
}
