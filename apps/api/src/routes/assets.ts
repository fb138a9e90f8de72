import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

// Small files, read once and served from memory with a long cache; the name carries no
// hash, so the cache is revalidated with the ETag.
const ASSETS: Record<string, { type: string; body: string }> = {
  'app.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('../../public/app.css', import.meta.url), 'utf8') },
  'app.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('../../public/app.js', import.meta.url), 'utf8') },
  'admin.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('../../public/admin.css', import.meta.url), 'utf8') },
  'api-docs.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(new URL('../../public/api-docs.js', import.meta.url), 'utf8'),
  },
};

export function assetRoutes() {
  return new Hono().get('/:name', (c) => {
    const asset = ASSETS[c.req.param('name')];
    if (!asset) return c.notFound();
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(asset.body);
  });
}
