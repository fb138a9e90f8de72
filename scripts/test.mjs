// `npm test`: installs what is missing, then runs the whole suite against the real Postgres,
// Redis and an in-process SMTP server, and ends with one plain line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { bootstrap, root } from './bootstrap.mjs';

bootstrap();
mkdirSync(`${root}/.paperboy`, { recursive: true });

const suites = [
  { name: 'unit and integration', config: 'vitest.config.ts' },
  { name: 'browser', config: 'vitest.browser.config.ts' },
];
let passed = 0;
let failed = 0;
let exitCode = 0;
for (const suite of suites) {
  const report = `${root}/.paperboy/vitest-${suite.name.replace(/\W+/g, '-')}.json`;
  const result = spawnSync(
    `${root}/node_modules/.bin/vitest`,
    ['run', '--config', suite.config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
  );
  try {
    const totals = JSON.parse(readFileSync(report, 'utf8'));
    passed += totals.numPassedTests;
    failed += totals.numFailedTests + (totals.numFailedTestSuites ?? 0);
  } catch {
    failed += 1;
  }
  if (result.status !== 0) exitCode = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);
