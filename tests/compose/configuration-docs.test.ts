import { readFileSync } from 'node:fs';
import { envSchema } from '@paperboy/config';
import { describe, expect, it } from 'vitest';
import { CONFIGURATION_DOC, renderConfigurationDoc } from '../../scripts/docs-config.ts';

describe('docs/CONFIGURATION.md', () => {
  it('describes every variable the configuration accepts', () => {
    for (const [name, schema] of Object.entries(envSchema.shape)) expect(schema.description, `${name} has no .describe()`).toBeTruthy();
  });

  it('is what `npm run docs:config` writes from the schema today', () => {
    const written = readFileSync(CONFIGURATION_DOC, 'utf8');
    expect(written, 'docs/CONFIGURATION.md is stale: run `npm run docs:config`').toBe(renderConfigurationDoc());
  });
});
