// The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json, generated from the
// zod schemas of api-schemas/ (answers and parameters) and the route table of routes.ts.
import type { z } from "zod";
import { componentSchemas, inlineSchema, ref } from "./components.ts";
import { ROUTES, type Answer, type RouteDoc } from "./routes.ts";

function parameters(route: RouteDoc): Record<string, unknown>[] {
  const list: Record<string, unknown>[] = [];
  const add = (where: "path" | "query", shape: z.ZodObject | undefined) => {
    for (const [name, schema] of Object.entries(shape?.shape ?? {})) {
      const written = inlineSchema(schema);
      const { description, ...rest } = written;
      const isList = rest.type === "array";
      list.push({
        name,
        in: where,
        required: where === "path" || !schema.safeParse(undefined).success,
        ...(typeof description === "string" ? { description } : {}),
        schema: rest,
        ...(isList ? { style: "form", explode: true } : {}),
      });
    }
  };
  add("path", route.pathParams);
  add("query", route.query);
  if (route.dimensions) {
    list.push({
      name: "dimension",
      in: "query",
      description:
        "Any dimension of the definition's filters, named directly: `region=53` (equals) or `procedure=a,b` (one of).",
      schema: { type: "object", additionalProperties: { type: "string" } },
      style: "form",
      explode: true,
    });
  }
  return list;
}

function response(answer: Answer): Record<string, unknown> {
  if (answer.schema) {
    return {
      description: answer.description,
      content: { "application/json": { schema: ref(answer.schema) } },
    };
  }
  const files = Object.fromEntries((answer.files ?? []).map((type) => [type, {}]));
  return { description: answer.description, content: files };
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method] = {
      summary: route.summary,
      parameters: parameters(route),
      responses: Object.fromEntries(
        Object.entries(route.answers).map(([status, answer]) => [status, response(answer)]),
      ),
      ...(route.security ? { security: [{ bearer: [] }] } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: ref(route.body) } },
            },
          }
        : {}),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Observatoire de la commande publique — API",
      version: "1.0.0",
      description:
        "Indicators computed from the French public procurement data (DECP). Every answer names the data snapshot it comes from (`snapshot_id`). Generated from the server's zod schemas (server/api-schemas/). Any route that reads the data may also answer 503 with `Retry-After` and an `Error` body: the server is busy (`server_busy`), a computation ran past its time or memory (`timeout`, `out_of_memory`), or the data served were built by an older version of the observatory and lack what the route reads until they are rebuilt (`snapshot_outdated`).",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    },
  };
}
