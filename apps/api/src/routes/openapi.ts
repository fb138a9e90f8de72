import { Hono } from 'hono';
import { buildOpenApiDocument } from '../openapi/document.ts';
import type { ApiServices } from '../services.ts';

export function openApiRoutes(services: ApiServices) {
  const document = buildOpenApiDocument(services.config.publicUrl);
  return new Hono().get('/openapi.json', (c) => c.json(document));
}
