import { createApp } from '@paperboy/api/app';
import { startTestStack, type TestStack } from '@paperboy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { DocumentedOperation } from './operation.ts';
import { OPERATIONS } from './operations.ts';

const ADMIN_TOKEN = 'openapi-test-admin-token';
let stack: TestStack;
let document: { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };

beforeAll(async () => {
  stack = await startTestStack({ ADMIN_TOKEN });
  document = (await (await stack.app.request('/api/openapi.json')).json()) as typeof document;
});
afterAll(async () => {
  await stack?.close();
});

const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** What the app really serves: Hono lists every handler; `ALL` entries are middleware. */
function servedRoutes(app: ReturnType<typeof createApp>): Set<string> {
  const handlers = app.routes.filter((route) => route.method !== 'ALL');
  return new Set(handlers.map((route) => operationKey(route.method, route.path.replace(/:(\w+)/g, '{$1}'))));
}

function documentedRoutes(): Set<string> {
  return new Set(
    Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => operationKey(method, path))),
  );
}

function operation(method: string, path: string): DocumentedOperation {
  const found = OPERATIONS.find((candidate) => candidate.method === method && candidate.path === path);
  if (!found) throw new Error(`${method} ${path} is not documented`);
  return found;
}

/** The answer's status is documented for the operation, and its JSON body has the documented shape. */
async function expectDocumentedAnswer(method: string, path: string, response: Response) {
  const documented = operation(method, path).responses[response.status];
  expect(documented, `${method.toUpperCase()} ${path} answered ${response.status}, which the document does not list`).toBeDefined();
  if (!documented?.json) return;
  const body = (await response.json()) as { error?: string };
  const result = documented.json.schema.safeParse(body);
  expect(result.error?.issues ?? [], `${response.status} body does not match ${documented.json.name}`).toEqual([]);
  // Error answers carry one of the codes the examples promise (clients switch on them).
  const codes = Object.values(documented.examples ?? {}).map((example) => (example as { error?: string }).error);
  if (body.error !== undefined) expect(codes, `${method.toUpperCase()} ${path} ${response.status}`).toContain(body.error);
}

describe('the OpenAPI document', () => {
  it('lists every /api route the app serves, and nothing it does not serve', () => {
    const isApi = (key: string) => key.split(' ')[1]?.startsWith('/api/');
    const served = [...servedRoutes(stack.app)].filter(isApi).sort();
    const documented = [...documentedRoutes()].filter(isApi).sort();
    expect(documented).toEqual(served);
  });

  it('documents probes and metrics the app really serves', () => {
    const served = servedRoutes(stack.app);
    for (const key of documentedRoutes()) expect(served, `${key} is documented but not served`).toContain(key);
  });

  it('is OpenAPI 3.1 whose every $ref resolves, with the request schemas the routes validate with', () => {
    expect(document.openapi).toBe('3.1.0');
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(refs.length).toBeGreaterThan(0);
    for (const name of refs) expect(document.components.schemas, `dangling $ref ${name}`).toHaveProperty(name);
    expect(document.components.schemas.Subscription).toMatchObject({
      required: ['email'],
      properties: { frequency: { enum: ['daily', 'weekly'] }, deliveryHour: { minimum: 0, maximum: 23 } },
    });
    expect(document.components.schemas.DigestRun).toMatchObject({ properties: { dryRun: { type: 'boolean', default: false } } });
  });

  it('has examples that the schemas accept (request bodies as validated, responses as documented)', () => {
    for (const { method, path, body, responses } of OPERATIONS) {
      if (body) expect(body.schema.safeParse(body.example).success, `${method} ${path} request example`).toBe(true);
      for (const [status, response] of Object.entries(responses)) {
        for (const [name, example] of Object.entries(response.examples ?? {})) {
          if (!response.json) continue;
          const result = (response.json.schema as z.ZodType).safeParse(example);
          expect(result.success, `${method} ${path} ${status} example "${name}"`).toBe(true);
        }
      }
    }
  });
});

describe('the answers match the document', () => {
  const json = (body: unknown, headers: Record<string, string> = {}) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

  it('for the public endpoints', async () => {
    await expectDocumentedAnswer('get', '/api/v1/topics', await stack.app.request('/api/v1/topics'));
    const example = operation('post', '/api/v1/subscriptions').body?.example;
    await expectDocumentedAnswer('post', '/api/v1/subscriptions', await stack.app.request('/api/v1/subscriptions', json(example)));
    await expectDocumentedAnswer(
      'post',
      '/api/v1/subscriptions',
      await stack.app.request('/api/v1/subscriptions', json({ email: 'nope' })),
    );
    await expectDocumentedAnswer('post', '/api/v1/subscriptions', await stack.app.request('/api/v1/subscriptions', json('{nope')));
    const huge = json({ email: 'big@example.org', keywords: ['x'.repeat(70 * 1024)] });
    await expectDocumentedAnswer('post', '/api/v1/subscriptions', await stack.app.request('/api/v1/subscriptions', huge));
  });

  it('for the admin endpoint', async () => {
    const path = '/api/v1/admin/digests/run';
    await expectDocumentedAnswer('post', path, await stack.app.request(path, json({ dryRun: true }, admin)));
    await expectDocumentedAnswer('post', path, await stack.app.request(path, json({}, admin)));
    await expectDocumentedAnswer('post', path, await stack.app.request(path, json({ date: 'monday' }, admin)));
    await expectDocumentedAnswer('post', path, await stack.app.request(path, json({ dryRun: true })));
    await expectDocumentedAnswer('post', path, await stack.app.request(path, json({ dryRun: true }, { authorization: 'Bearer wrong' })));
    await expectDocumentedAnswer('post', path, await stack.app.request(path, json({ dryRun: true }, { authorization: 'Basic d3Jvbmc=' })));
    const disabled = createApp({ ...stack.services, config: { ...stack.config, adminToken: undefined } });
    await expectDocumentedAnswer('post', path, await disabled.request(path, json({ dryRun: true }, admin)));
  });

  it('for the probes', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics']) await expectDocumentedAnswer('get', path, await stack.app.request(path));
  });
});

describe('GET /api/docs', () => {
  it('lists every operation with a try-it form, using only our own script and styles', async () => {
    const response = await stack.app.request('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    for (const { method, path } of OPERATIONS) {
      expect(html).toContain(`data-method="${method.toUpperCase()}" data-path="${path}"`);
    }
    expect(html).toContain('<script src="/assets/api-docs.js"');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const asset of ['/assets/api-docs.js', '/assets/admin.css']) expect((await stack.app.request(asset)).status).toBe(200);
  });
});
