// `npm start`: everything a fresh clone needs, then the whole service on embedded defaults.
import { spawn } from 'node:child_process';
import { bootstrap, root } from './bootstrap.mjs';

bootstrap();
const child = spawn(`${root}/node_modules/.bin/tsx`, ['scripts/dev.ts'], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
