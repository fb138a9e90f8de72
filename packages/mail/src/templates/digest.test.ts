import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileEmailTemplates } from './compile.ts';
import { loadEmailTemplate } from './email-template.ts';
import { blockMarkup, linkTargets, unclosedTags, urlsInMarkup, visibleText } from './test-support.ts';
import type { DigestInput, DigestPaper, EmailTemplates } from './types.ts';

let templates: EmailTemplates;
beforeAll(async () => {
  templates = await compileEmailTemplates();
});

const footer = { publicUrl: 'https://paperboy.example/', postalAddress: 'Paperboy, 1 Example Street, Berlin' };

function paper(overrides: Partial<DigestPaper> = {}): DigestPaper {
  return {
    title: 'Flow Matching for Generative Modeling',
    url: 'https://huggingface.co/papers/2210.02747',
    arxivUrl: 'https://arxiv.org/abs/2210.02747',
    pdfUrl: 'https://arxiv.org/pdf/2210.02747',
    authors: ['Yaron Lipman', 'Ricky T. Q. Chen'],
    upvotes: 12,
    reasons: ['Because you follow Diffusion & generative models'],
    summary: 'Trains continuous normalizing flows without simulation. Works well on ImageNet.',
    ...overrides,
  };
}

function digestInput(overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    email: 'ada@example.com',
    date: '2026-11-23',
    papers: [paper()],
    topicNames: ['Diffusion & generative models', 'Speech & audio'],
    preferencesUrl: 'https://paperboy.example/preferences?token=p1',
    unsubscribeUrl: 'https://paperboy.example/unsubscribe?token=u1',
    viewInBrowserUrl: 'https://paperboy.example/digests/2026-11-23?token=v1',
    footer,
    ...overrides,
  };
}

const tenPapers = Array.from({ length: 10 }, (_, index) => paper({ title: `Paper number ${index + 1}` }));

describe('digest subject and preheader', () => {
  it('names the date and the top paper, and counts the rest', () => {
    expect(templates.digest(digestInput({ papers: tenPapers })).subject).toBe('Paperboy · Mon 23 Nov: Paper number 1 and 9 more');
    expect(templates.digest(digestInput()).subject).toBe('Paperboy · Mon 23 Nov: Flow Matching for Generative Modeling');
  });

  it('shortens a long top title at a word and keeps it on one line', () => {
    const title =
      'A Neural Network Architecture Combining Gated Recurrent Unit (GRU) and\n  Support Vector Machine (SVM) for Intrusion Detection';
    const { subject } = templates.digest(digestInput({ papers: [paper({ title }), paper()] }));
    expect(subject).toBe('Paperboy · Mon 23 Nov: A Neural Network Architecture Combining Gated Recurrent… and 1 more');
  });

  it('previews the other titles in a hidden preheader', () => {
    const { preheader, html, text } = templates.digest(digestInput({ papers: tenPapers.slice(0, 3) }));
    expect(preheader).toBe('Also: Paper number 2 · Paper number 3');
    expect(html).toMatch(/<div class="preheader" style="display:none[^>]*>Also: Paper number 2 · Paper number 3<\/div>/);
    expect(visibleText(html)).not.toContain('Also:');
    expect(text).not.toContain('Also:');
  });

  it('needs at least one paper and a real date', () => {
    expect(() => templates.digest(digestInput({ papers: [] }))).toThrow(RangeError);
    expect(() => templates.digest(digestInput({ date: '23.11.2026' }))).toThrow(RangeError);
  });
});

describe('digest content', () => {
  it('shows the date, the count and the topics in the header', () => {
    const { html, text } = templates.digest(digestInput({ papers: tenPapers }));
    for (const part of [visibleText(html), text]) {
      expect(part).toContain('Monday 23 November 2026');
      expect(part).toContain('10 new papers on Diffusion & generative models and Speech & audio');
    }
  });

  it('shows each paper with its title link, authors, reasons, summary and links', () => {
    const { html, text } = templates.digest(
      digestInput({
        papers: [
          paper({
            authors: ['A', 'B', 'C', 'D'],
            codeUrl: 'https://github.com/example/flow',
            upvotes: 42,
            reasons: ['Because you follow Diffusion & generative models', 'Matches your keyword “source separation”'],
          }),
        ],
      }),
    );
    const visible = visibleText(html);
    for (const part of [visible, text]) {
      expect(part).toContain('Flow Matching for Generative Modeling');
      expect(part).toContain('A, B, C et al.');
      expect(part).toContain('Because you follow Diffusion & generative models');
      expect(part).toContain('Matches your keyword “source separation”');
      expect(part).toContain('Trains continuous normalizing flows without simulation. Works well on ImageNet.');
      expect(part).toContain('▲ 42 upvotes');
    }
    expect(html).toMatch(/<a [^>]*href="https:\/\/huggingface.co\/papers\/2210.02747"[^>]*>Flow Matching for Generative Modeling<\/a>/);
    for (const [label, url] of [
      ['arXiv', 'https://arxiv.org/abs/2210.02747'],
      ['PDF', 'https://arxiv.org/pdf/2210.02747'],
      ['Code', 'https://github.com/example/flow'],
    ]) {
      expect(html).toMatch(new RegExp(`href="${url}"[^>]*>${label}</a>`));
      expect(text).toContain(`\n${label}: ${url}\n`);
    }
    expect(text).toContain('\nPaper: https://huggingface.co/papers/2210.02747\n');
  });

  it('leaves out missing links and upvotes of zero', () => {
    const { html, text } = templates.digest(digestInput({ papers: [paper({ arxivUrl: undefined, pdfUrl: undefined, upvotes: 0 })] }));
    for (const part of [visibleText(html), text]) {
      expect(part).not.toMatch(/arXiv|PDF|Code|upvotes/);
    }
  });

  it('escapes titles and every other value in HTML, and keeps them plain in text', () => {
    const title = 'Attacks <script>alert("x")</script> & "Defences"';
    const { html, text, subject } = templates.digest(
      digestInput({ papers: [paper({ title, authors: ['<b>Mallory</b>'], reasons: ['<i>why</i>'], summary: 'a < b && c > d' })] }),
    );
    expect(html).not.toMatch(/<script|<b>|<i>/);
    expect(html).toContain('Attacks &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Defences&quot;');
    expect(visibleText(html)).toContain(title);
    expect(visibleText(html)).toContain('a < b && c > d');
    expect(text).toContain(title);
    expect(text).toContain('<b>Mallory</b>');
    expect(subject).toContain(title);
  });

  it('never links a javascript: URL: optional links are left out, a bad paper page is refused', () => {
    const { html, text } = templates.digest(
      digestInput({
        papers: [paper({ codeUrl: 'javascript:alert(document.cookie)', pdfUrl: 'JaVaScRiPt:alert(1)', arxivUrl: 'data:text/html,x' })],
      }),
    );
    expect(`${html}\n${text}`).not.toMatch(/javascript|data:/i);
    expect(linkTargets(html).every((href) => href.startsWith('https://'))).toBe(true);
    expect(() => templates.digest(digestInput({ papers: [paper({ url: 'javascript:alert(1)' })] }))).toThrow(/not an http\(s\) URL/);
    expect(() => templates.digest(digestInput({ unsubscribeUrl: 'javascript:alert(1)' }))).toThrow(/not an http\(s\) URL/);
  });
});

describe('digest footer and page', () => {
  it('says why the reader gets it and has every footer link in both parts', () => {
    const input = digestInput();
    const { html, text } = templates.digest(input);
    for (const part of [visibleText(html), text]) {
      expect(part).toContain('You subscribed to Paperboy with ada@example.com');
      expect(part).toContain('Paperboy, 1 Example Street, Berlin');
    }
    const links = linkTargets(html);
    for (const [label, url] of [
      ['Manage preferences', input.preferencesUrl],
      ['Unsubscribe', input.unsubscribeUrl],
      ['View in browser', input.viewInBrowserUrl],
    ]) {
      expect(links).toContain(url);
      expect(text).toContain(`${label}: ${url}\n`);
    }
    expect(links).toContain(footer.publicUrl);
    expect(text).toContain(footer.publicUrl);
  });

  it('links only to the URLs it was given and loads nothing remote', () => {
    const input = digestInput({ papers: [paper({ codeUrl: 'https://github.com/example/flow' })] });
    const given = [
      input.preferencesUrl,
      input.unsubscribeUrl,
      input.viewInBrowserUrl,
      footer.publicUrl,
      ...input.papers.flatMap((p) => [p.url, p.arxivUrl, p.pdfUrl, p.codeUrl]),
    ];
    const { html } = templates.digest(input);
    expect(urlsInMarkup(html).filter((url) => !given.includes(url))).toEqual([]);
    expect(html).not.toMatch(/<img|<link|@import|url\(/i);
  });

  it('supports dark mode and narrow screens', () => {
    const { html } = templates.digest(digestInput());
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expect(html).toMatch(/@media \(prefers-color-scheme: ?dark\)/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toMatch(/max-width:600px/);
  });

  it('is a complete page that can be served as-is for "view in browser"', () => {
    const { html, subject } = templates.digest(digestInput());
    expect(html).toMatch(/^<!doctype html><html lang="en"/);
    expect(html).toContain(`<title>${subject}</title>`);
  });

  it('repeats each paper as self-contained markup', async () => {
    const template = await loadEmailTemplate(join(import.meta.dirname, '../../../../templates'), 'digest');
    expect(unclosedTags(blockMarkup(template.html, 'papers'))).toEqual({ table: 0, tr: 0, td: 0, div: 0 });
  });
});
