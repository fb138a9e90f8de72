import { describe, expect, it } from 'vitest';
import { joinPieces, parseTemplate, renderPieces, renderTemplate, TemplateError } from './template.ts';

const html = (source: string) => parseTemplate('test.html', 'html', source);
const text = (source: string) => parseTemplate('test.txt', 'text', source);

describe('template values', () => {
  it('escapes values in HTML, attributes included, and leaves them plain in text', () => {
    const value = `<script>alert("x")</script> & 'y'`;
    expect(renderTemplate(html('<p title="{{v}}">{{v}}</p>'), { v: value })).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>',
    );
    expect(renderTemplate(text('{{v}}'), { v: value })).toBe(value);
  });

  it('never reads placeholders inside values', () => {
    expect(renderTemplate(text('{{a}} {{b}}'), { a: '{{b}}', b: 'B' })).toBe('{{b}} B');
  });

  it('throws when a value is missing or has the wrong shape', () => {
    expect(() => renderTemplate(text('{{a}}'), {})).toThrow(TemplateError);
    expect(() => renderTemplate(text('{{#a}}x{{/a}}'), { a: 'not a list' })).toThrow(TemplateError);
  });
});

describe('template blocks', () => {
  it('repeats a block once per item, nested blocks included, and drops it for an empty list', () => {
    const template = html('<ul>{{#papers}}<li>{{title}}{{#links}} <a href="{{url}}">{{label}}</a>{{/links}}</li>{{/papers}}</ul>');
    const rendered = renderTemplate(template, {
      papers: [
        { title: 'One', links: [{ url: 'https://a.example/1', label: 'PDF' }] },
        { title: 'Two', links: [] },
      ],
    });
    expect(rendered).toBe('<ul><li>One <a href="https://a.example/1">PDF</a></li><li>Two</li></ul>');
    expect(renderTemplate(template, { papers: [] })).toBe('<ul></ul>');
  });

  it('removes the lines of block tags that stand alone, so text templates need no blank-line tricks', () => {
    const template = text('Papers:\n{{#papers}}\n- {{title}}\n{{/papers}}\nEnd\n');
    expect(renderTemplate(template, { papers: [{ title: 'A' }, { title: 'B' }] })).toBe('Papers:\n- A\n- B\nEnd\n');
  });

  it('rejects unbalanced blocks and unrecognised placeholders when compiled', () => {
    expect(() => text('{{#a}}x')).toThrow(/never closed/);
    expect(() => text('{{#a}}x{{/b}}')).toThrow(/unexpected/);
    expect(() => text('{{ paper.title }}')).toThrow(/unrecognised placeholder/);
  });
});

describe('shared block items', () => {
  it('renders a keyed item once for every message, but its per-message blocks for each message', () => {
    const template = parseTemplate('test.txt', 'text', '{{#papers}}{{title}}\n{{#feedback}}{{moreUrl}}\n{{/feedback}}--\n{{/papers}}', [
      'feedback',
    ]);
    const memo = new Map<string, string>();
    let renders = 0;
    const remember = (key: string, render: () => string) => {
      if (!memo.has(key)) {
        renders += 1;
        memo.set(key, render());
      }
      return memo.get(key) as string;
    };
    const forReader = (n: number) =>
      renderPieces(template, { papers: [{ $key: 'paper-1', title: 'One', feedback: [{ moreUrl: `https://a.example/${n}` }] }] }, remember);
    expect(joinPieces(forReader(1))).toBe('One\nhttps://a.example/1\n--\n');
    expect(joinPieces(forReader(2))).toBe('One\nhttps://a.example/2\n--\n');
    // The title before and the rule after the reader's link were rendered once, for both readers.
    expect(renders).toBe(2);
    expect(
      forReader(3)
        .filter((piece) => piece.key === undefined)
        .map((piece) => piece.text),
    ).toEqual(['https://a.example/3\n']);
  });
});

describe('template URLs', () => {
  it('only accepts http(s) URLs in url values, in HTML and text alike', () => {
    for (const template of [html('<a href="{{url}}">x</a>'), text('{{url}}')]) {
      expect(() => renderTemplate(template, { url: 'javascript:alert(1)' })).toThrow(/not an http\(s\) URL/);
      expect(() => renderTemplate(template, { url: 'data:text/html,hi' })).toThrow(TemplateError);
    }
    expect(renderTemplate(html('<a href="{{confirmUrl}}">x</a>'), { confirmUrl: 'https://a.example/?a=1&b="2"' })).toBe(
      '<a href="https://a.example/?a=1&amp;b=&quot;2&quot;">x</a>',
    );
  });

  it('refuses an href that is not exactly one URL value', () => {
    expect(() => html('<a href="{{title}}">x</a>')).toThrow(/href must be exactly one URL value/);
    expect(() => html('<a href="https://a.example/{{url}}">x</a>')).toThrow(/href must be exactly one URL value/);
    expect(() => html('<a class="x" href="{{url}}">{{title}}</a>')).not.toThrow();
  });
});
