import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Runs axe on the page as served. The site's CSP (script-src 'self') blocks the inline <script>
 * that page.addScriptTag would add, so axe is evaluated through the DevTools protocol instead,
 * which CSP does not govern: the scan needs no bypassCSP, and the page keeps its real policy.
 */
async function runAxe(page: Page, rules?: string[]): Promise<AxeResults> {
  await page.evaluate(AXE_SOURCE);
  // Only violations are reported in full: the scan is several times faster on the long forms.
  const options = { resultTypes: ['violations'], ...(rules ? { runOnly: { type: 'rule', values: rules } } : {}) };
  return page.evaluate((axeOptions) => {
    const { axe } = window as unknown as { axe: { run(options: object): Promise<AxeResults> } };
    return axe.run(axeOptions);
  }, options);
}

function describeViolation(violation: Result): string {
  const nodes = violation.nodes.map(
    (node) => `      at ${node.target.join(' ')}\n        ${node.failureSummary?.replaceAll('\n', '\n        ')}`,
  );
  return `    ${violation.impact}: ${violation.id} — ${violation.help} (${violation.helpUrl})\n${nodes.join('\n')}`;
}

/**
 * The serious and critical problems on the page, one readable block each; empty when none.
 * `rules` limits the scan to those axe rule ids (all rules when omitted).
 */
export async function findSeriousAccessibilityProblems(page: Page, rules?: string[]): Promise<string[]> {
  const { violations } = await runAxe(page, rules);
  return violations.filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? '')).map(describeViolation);
}
