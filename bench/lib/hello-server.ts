// The reference for `npm run bench:api`: a bare Hono hello world on the same server adapter.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().get('/', (c) => c.text('Hello, world'));
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening on ${info.port}`));
process.on('disconnect', () => process.exit(0));
