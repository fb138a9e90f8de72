// `npm test`: installs what is missing, checks types and lint, then runs every suite against the
// real Postgres, Redis, SMTP and Chromium, and ends with one plain line: "N passed, N failed"
// (each static check counts as one test).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { bootstrap, root } from './bootstrap.mjs';

bootstrap();
mkdirSync(`${root}/.paperboy`, { recursive: true });

const checks = [
  { name: 'typecheck', command: `${root}/node_modules/.bin/tsc`, args: ['-p', 'tsconfig.json'] },
  { name: 'lint', command: `${root}/node_modules/.bin/biome`, args: ['check', '.'] },
];
const suites = [
  { name: 'unit and integration', config: 'vitest.config.ts' },
  { name: 'browser', config: 'vitest.browser.config.ts' },
  { name: 'faults', config: 'vitest.faults.config.ts' },
];
const totals = { passed: 0, failed: 0 };

function run(command, args) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } }).status === 0;
}

for (const check of checks) {
  console.log(`\n== ${check.name}`);
  totals[run(check.command, check.args) ? 'passed' : 'failed'] += 1;
}

for (const suite of suites) {
  console.log(`\n== ${suite.name} tests`);
  const report = `${root}/.paperboy/vitest-${suite.name.replace(/\W+/g, '-')}.json`;
  rmSync(report, { force: true });
  const ok = run(`${root}/node_modules/.bin/vitest`, [
    'run',
    '--config',
    suite.config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  try {
    const result = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += result.numPassedTests;
    totals.failed += result.numFailedTests;
    // A file that fails before its tests run (an import error) fails no test: count the file.
    if (!ok && result.numFailedTests === 0) totals.failed += Math.max(1, result.numFailedTestSuites ?? 0);
  } catch {
    totals.failed += 1; // the runner died before reporting
  }
}

console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
