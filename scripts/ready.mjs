// `node scripts/ready.mjs`: installs dependencies and generates the Prisma client if missing or
// stale (see bootstrap.mjs), so the benchmarks run on a fresh clone after `npm ci` alone.
import { bootstrap } from './bootstrap.mjs';

bootstrap();
