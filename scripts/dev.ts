// Runs Paperboy locally: prepares the database, then starts the API (with the built-in mail
// capture when SMTP_URL is unset) and the worker as child processes. Ctrl-C stops them all.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { prepareDatabase } from '@paperboy/cli/setup';
import { loadConfig } from '@paperboy/config';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = loadConfig();
await prepareDatabase(config, { samplePapers: true });

const children: ChildProcess[] = ['apps/api/src/main.ts', 'apps/worker/src/main.ts'].map((entry) =>
  spawn(`${root}/node_modules/.bin/tsx`, [entry], { cwd: root, stdio: 'inherit', env: process.env }),
);

console.log(`\n  Paperboy is starting:\n    Subscribe page   ${config.publicUrl}/`);
if (config.mail.capture) console.log(`    Captured mail    ${config.publicUrl}/dev/mail`);
console.log(`    Health           ${config.publicUrl}/healthz\n  Press Ctrl-C to stop.\n`);

let stopping = false;
function stopAll(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill(signal);
}
process.on('SIGINT', () => stopAll('SIGTERM'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
for (const child of children) {
  child.on('exit', (code) => {
    if (!stopping) console.error(`A Paperboy process exited (code ${code}); stopping the others.`);
    stopAll('SIGTERM');
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(stopping ? 0 : 1);
  });
}
