import { z } from 'zod';
import type { DocumentedOperation, DocumentedResponse, NamedSchema } from './operation.ts';
import { OPERATIONS } from './operations.ts';

export type JsonObject = Record<string, unknown>;

/** OpenAPI 3.1 speaks JSON Schema 2020-12; a request is documented as sent, a response as received. */
function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest;
}

/** `/api/v1/subscriptions` + post → `postApiV1Subscriptions`. */
function operationId(operation: DocumentedOperation): string {
  const words = operation.path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return operation.method + words.map((word) => word[0]?.toUpperCase() + word.slice(1)).join('');
}

class ComponentSchemas {
  readonly schemas: Record<string, JsonObject> = {};
  ref({ name, schema }: NamedSchema, io: 'input' | 'output') {
    this.schemas[name] ??= toJsonSchema(schema, io);
    return { $ref: `#/components/schemas/${name}` };
  }
}

function toResponseObject(response: DocumentedResponse, components: ComponentSchemas): JsonObject {
  const examples = Object.fromEntries(Object.entries(response.examples ?? {}).map(([name, value]) => [name, { value }]));
  const media = response.json ? { 'application/json': { schema: components.ref(response.json, 'output'), examples } } : {};
  const other = response.otherType ? { [response.otherType]: { schema: { type: 'string' }, examples } } : {};
  const headers = Object.fromEntries(
    Object.entries(response.headers ?? {}).map(([name, description]) => [name, { description, schema: { type: 'integer' } }]),
  );
  return { description: response.description, content: { ...media, ...other }, ...(response.headers ? { headers } : {}) };
}

function toOperationObject(operation: DocumentedOperation, components: ComponentSchemas): JsonObject {
  const responses = Object.fromEntries(
    Object.entries(operation.responses).map(([status, response]) => [status, toResponseObject(response, components)]),
  );
  const body = operation.body && {
    required: true,
    content: { 'application/json': { schema: components.ref(operation.body, 'input'), example: operation.body.example } },
  };
  return {
    operationId: operationId(operation),
    tags: [operation.tag],
    summary: operation.summary,
    description: operation.description,
    ...(operation.bearer ? { security: [{ adminToken: [] }] } : {}),
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of every JSON endpoint, built from the schemas the routes validate with. */
export function buildOpenApiDocument(publicUrl: string) {
  const components = new ComponentSchemas();
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const operation of OPERATIONS) {
    paths[operation.path] = { ...paths[operation.path], [operation.method]: toOperationObject(operation, components) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Paperboy',
      version: '1',
      description: 'Trending research papers on your topics, one email a day. The JSON API and the operational endpoints.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: publicUrl }],
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'The ADMIN_TOKEN the server was started with' } },
    },
  };
}
