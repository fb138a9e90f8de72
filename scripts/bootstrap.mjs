// Shared first step of `npm start` and `npm test` on a fresh clone: install dependencies and
// generate the Prisma client when they are missing or stale. Uses only Node's standard library,
// because it runs before anything is installed.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => `${root}/${path}`;
const mtime = (path) => (existsSync(at(path)) ? statSync(at(path)).mtimeMs : 0);

function run(command, args) {
  execFileSync(command, args, { cwd: root, stdio: 'inherit' });
}

export function bootstrap() {
  if (mtime('node_modules/.package-lock.json') < mtime('package-lock.json')) {
    // `npm install` with the committed lockfile installs exactly its versions. Not `npm ci`: the
    // registry mirror some installs use serves no metadata for other platforms' optional binaries
    // (biome, turbo, esbuild), so the lockfile cannot list them and `npm ci` refuses it as out of sync.
    console.log('Installing dependencies…');
    run('npm', ['install', '--no-audit', '--no-fund']);
  }
  if (mtime('packages/db/src/generated/prisma/client.ts') < mtime('prisma/schema.prisma')) {
    console.log('Generating the Prisma client…');
    run(process.execPath, [at('scripts/prisma-generate.mjs')]);
  }
}
