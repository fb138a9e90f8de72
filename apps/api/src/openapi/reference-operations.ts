import type { DocumentedOperation } from './operation.ts';

export const REFERENCE_OPERATIONS: DocumentedOperation[] = [
  {
    method: 'get',
    path: '/api/openapi.json',
    tag: 'Reference',
    summary: 'This document',
    description: 'The OpenAPI 3.1 description of every JSON endpoint.',
    responses: { 200: { description: 'The OpenAPI document', otherType: 'application/json' } },
  },
  {
    method: 'get',
    path: '/api/docs',
    tag: 'Reference',
    summary: 'Interactive reference',
    description: 'This document as a page, with a form to try each endpoint.',
    responses: { 200: { description: 'An HTML page', otherType: 'text/html' } },
  },
];
