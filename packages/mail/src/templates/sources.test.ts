import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileMjmlFile, readTextFile } from './sources.ts';
import { parseTemplate } from './template.ts';
import { blockMarkup, unclosedTags } from './test-support.ts';

// What MJML does to placeholders: they must come out of compilation exactly as written, in text,
// in attributes MJML generates itself (mj-button href, mj-title), and around repeated sections.
const FIXTURE = `
<mjml>
  <mj-head>
    <mj-title>{{subject}}</mj-title>
    <mj-include path="./partials/style.mjml" />
  </mj-head>
  <mj-body>
    <mj-section><mj-column>
      <mj-text><p class="x">Hello {{name}} &amp; friends</p></mj-text>
      <mj-button href="{{actionUrl}}">Go</mj-button>
      <mj-raw>{{#rows}}</mj-raw>
      <mj-text><a href="{{url}}">{{label}}</a></mj-text>
      <mj-raw>{{/rows}}</mj-raw>
    </mj-column></mj-section>
    <mj-raw>{{#cards}}</mj-raw>
    <mj-section background-color="#ffffff"><mj-column><mj-text>Card {{n}}</mj-text></mj-column></mj-section>
    <mj-raw>{{/cards}}</mj-raw>
  </mj-body>
</mjml>`;

let root: string;
let dir: string;
let compiled: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'paperboy-mjml-'));
  dir = join(root, 'templates');
  await mkdir(join(dir, 'partials'), { recursive: true });
  await writeFile(join(dir, 'fixture.mjml'), FIXTURE);
  await writeFile(join(dir, 'partials/style.mjml'), '<mj-style inline="inline">.x { color: #123456; }</mj-style>');
  await writeFile(join(dir, 'fixture.txt'), 'Hi {{name}}\n{{> partials/sign.txt}}\n');
  await writeFile(join(dir, 'partials/sign.txt'), '-- \nThe team\n');
  compiled = await compileMjmlFile(dir, 'fixture.mjml');
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('compileMjmlFile', () => {
  it('keeps placeholders verbatim in text, generated attributes and the title', () => {
    expect(compiled).toContain('<title>{{subject}}</title>');
    expect(compiled).toContain('Hello {{name}} &amp; friends');
    expect(compiled).toMatch(/<a href="\{\{actionUrl\}\}"/);
    expect(compiled).toContain('<a href="{{url}}">{{label}}</a>');
  });

  it('applies mj-include partials and inlines their styles', () => {
    expect(compiled).toMatch(/<p class="x" style="color: ?#123456;?">/);
  });

  it('puts block tags around self-contained markup, so every copy is valid HTML, for Outlook too', () => {
    const cards = blockMarkup(parseTemplate('fixture.mjml', 'html', compiled), 'cards');
    expect(cards).toContain('Card ');
    expect(unclosedTags(cards)).toEqual({ table: 0, tr: 0, td: 0, div: 0 });
  });

  it('refuses a missing partial or one outside the templates folder, which MJML would drop silently', async () => {
    await writeFile(join(dir, 'missing.mjml'), '<mjml><mj-body><mj-include path="./partials/nope.mjml" /></mj-body></mjml>');
    await writeFile(join(dir, 'outside.mjml'), '<mjml><mj-body><mj-include path="../outside.mjml" /></mj-body></mjml>');
    await writeFile(join(root, 'outside.mjml'), '<mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section>');
    for (const file of ['missing.mjml', 'outside.mjml']) {
      await expect(compileMjmlFile(dir, file)).rejects.toThrow(`${file}: an mj-include is missing or outside the templates folder`);
    }
  });

  it('minifies and links no web fonts', () => {
    expect(compiled).not.toMatch(/\n\s*\n/);
    expect(compiled).not.toMatch(/fonts\.googleapis|@import|<link/);
  });
});

describe('readTextFile', () => {
  it('inlines {{> partial}} includes', async () => {
    expect(await readTextFile(dir, 'fixture.txt')).toBe('Hi {{name}}\n-- \nThe team\n');
  });
});
