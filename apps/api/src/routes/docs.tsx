import { Hono } from 'hono';
import { buildOpenApiDocument } from '../openapi/document.ts';
import { OPERATIONS } from '../openapi/operations.ts';
import type { ApiServices } from '../services.ts';
import { ApiDocsPage } from './docs-page.tsx';

/** The interactive API reference; its script and styles are served from /assets (the CSP allows only 'self'). */
export function docsRoutes(services: ApiServices) {
  const { components } = buildOpenApiDocument(services.config.publicUrl);
  return new Hono().get('/', (c) => c.html(<ApiDocsPage operations={OPERATIONS} schemas={components.schemas} />));
}
