// Generates the Prisma client without downloading the native schema engine: `prisma generate`
// only needs the engine's path to name an existing file, and the client itself runs on WebAssembly.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

execFileSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], { cwd: root, env, stdio: 'inherit' });
