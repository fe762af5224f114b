// Validates answers against the served OpenAPI document: the schema of a path, method and status
// is looked up in the document and compiled by Ajv (JSON Schema 2020-12, as OpenAPI 3.1 reads it),
// with its references to components resolved inside the document.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

export interface Operation {
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

const ID = "https://observatory.test/openapi.json";

// Formats zod writes; each is checked, never merely accepted.
const FORMATS: Record<string, (text: string) => boolean> = {
  "date-time": (t) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(t) && !isNaN(Date.parse(t)),
  date: (t) => /^\d{4}-\d\d-\d\d$/.test(t) && !isNaN(Date.parse(t)),
  uri: (t) => URL.canParse(t),
};

export class OpenApiValidator {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly doc: OpenApiDocument) {
    // The document is not a schema; only its components are read as schemas.
    this.ajv.addKeyword("components");
    for (const [name, check] of Object.entries(FORMATS)) this.ajv.addFormat(name, check);
    this.ajv.addSchema({ $id: ID, components: doc.components });
  }

  /** The operation of a documented path and method (throws when it is not documented). */
  operation(method: string, path: string): Operation {
    const operation = this.doc.paths[path]?.[method];
    if (!operation) throw new Error(`${method.toUpperCase()} ${path} is not documented`);
    return operation;
  }

  /** Errors of a JSON body against the documented answer of that status; [] when it conforms. */
  errors(method: string, path: string, status: number, body: unknown): string[] {
    const key = `${method} ${path} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      const answer = this.operation(method, path).responses[String(status)];
      if (!answer) return [`${key}: status ${status} is not documented`];
      const schema = answer.content?.["application/json"]?.schema;
      if (!schema) return [`${key}: no JSON schema documented`];
      validate = this.ajv.compile({
        $id: `${ID}/answers/${this.compiled.size}`,
        ...rebase(schema),
      });
      this.compiled.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || "/"} ${e.message}`);
  }
}

/** `#/components/…` references of an answer point into the document. */
function rebase(schema: object): object {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${ID}#/components/`));
}
