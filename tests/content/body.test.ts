import { describe, expect, it } from 'vitest';

import { compileBody, MAX_BODY_BYTES, MAX_NESTING_DEPTH } from '@/lib/content/body';
import { ContentError } from '@/lib/content/problems';

import { renderBody } from '../support/render';

const noImages = { resolveImage: () => null };

async function render(source: string) {
  const result = await compileBody(source, noImages);
  return { html: renderBody(result.body), text: result.body.text, warnings: result.warnings };
}

async function failure(source: string): Promise<ContentError> {
  try {
    await compileBody(source, noImages);
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('expected the body to fail');
}

describe('compileBody: bodies copied from news sites', () => {
  it('renders raw HTML with void tags written without a slash', async () => {
    const { html } = await render('<p>First line<br>second line</p>\n<hr>\n<p>After</p>');
    expect(html).toContain('<p>First line<br/>second line</p>');
    expect(html).toContain('<hr/>');
  });

  it('drops HTML comments', async () => {
    const { html } = await render('<!-- wp:paragraph -->\n<p>Kept</p>\n<!-- /wp:paragraph -->');
    expect(html).toBe('<p>Kept</p>');
  });

  it('keeps stray braces and angle brackets as text', async () => {
    const { html, text } = await render(
      'Price {sharply} higher, in fewer than <5% of cases, and a lone } too.',
    );
    expect(text).toBe('Price {sharply} higher, in fewer than <5% of cases, and a lone } too.');
    expect(html).toContain('Price {sharply} higher');
    expect(html).toContain('&lt;5%');
  });

  it('repairs mis-decoded characters', async () => {
    const { text } = await render('<p>Â£2 billion for Englandâ€™s trusts</p>');
    expect(text).toBe('£2 billion for England’s trusts');
  });

  it('splits an HTML paragraph whose source paragraphs were joined by newlines', async () => {
    const { html } = await render(
      '<p>The plan is out.\nAimed at leaders, it funds records.\nIt ends in 2025.</p>',
    );
    expect(html).toBe(
      '<p>The plan is out.</p><p>Aimed at leaders, it funds records.</p><p>It ends in 2025.</p>',
    );
  });

  it('does not split mid-sentence line wraps or Markdown paragraphs', async () => {
    expect((await render('<p>A sentence that wraps\nonto the next line.</p>')).html).toBe(
      '<p>A sentence that wraps\nonto the next line.</p>',
    );
    expect((await render('Markdown ends here.\nThen continues.')).html).toBe(
      '<p>Markdown ends here.\nThen continues.</p>',
    );
  });

  it('treats indented HTML as HTML, not as a code block', async () => {
    const { html } = await render('<div>\n\n    <p>Indented paragraph</p>\n\n</div>');
    expect(html).not.toContain('<pre>');
    expect(html).toContain('<p>Indented paragraph</p>');
  });

  it('renders Markdown with GFM tables, and demotes h1 to h2 with anchor ids', async () => {
    const { html } = await render(
      '# Big news\n\n## Details\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n## Details',
    );
    expect(html).toContain('<h2 id="big-news">Big news</h2>');
    expect(html).toContain('<h2 id="details">Details</h2>');
    expect(html).toContain('<h2 id="details-1">Details</h2>');
    expect(html).toContain('<table>');
  });
  it('renders Markdown the same whether or not the body also has raw HTML', async () => {
    // Every construct the Markdown and GFM parsers make; the comment is raw HTML, which renders
    // as nothing but sends the body through the HTML parser.
    const markdown = [
      '# Heading *one*',
      'A paragraph with **bold**, _emphasis_, ~~struck~~, `code`, a [link](https://example.com "Title") and https://example.org.',
      '',
      '| Left | Centre | Right |\n|:-----|:------:|------:|\n| a | b | c |\n| d | | f |',
      '',
      '- [ ] open task\n- [x] done task\n  1. nested\n  2. list',
      '',
      '3. starts at three\n4. four',
      '',
      '> A quote\n> over two lines',
      '',
      '```ts\nconst x = 1 < 2;\n```',
      '',
      'Hard break at the end  \nof this line, &amp; an entity, a footnote[^1].',
      '',
      '---',
      '',
      '[^1]: The note.',
    ].join('\n');
    const plain = await render(markdown);
    const withHtml = await render(`<!-- raw -->\n\n${markdown}`);
    expect(plain.html).toContain('<table>');
    expect(plain.html).toContain('<li class="task-list-item">');
    expect(plain.html).toContain('<ol start="3">');
    expect(withHtml).toEqual(plain);
  });
});

describe('compileBody: nothing in a body runs', () => {
  it('shows MDX expressions, imports and exports as text and never evaluates them', async () => {
    const source =
      "import fs from 'fs'\n\nexport const x = 1\n\n{process.exit(1)} and {globalThis.hacked = true}\n";
    const { html } = await render(source);
    expect(html).toContain('import fs from &#x27;fs&#x27;');
    expect(html).toContain('{process.exit(1)}');
    expect((globalThis as Record<string, unknown>).hacked).toBeUndefined();
  });

  it('removes script, iframe, event handlers and javascript: URLs, and says where they were', async () => {
    const source = [
      '<p>Safe text</p>',
      '<script>alert(1)</script>',
      '<img src="photo.jpg" onerror="alert(2)">',
      '<a href="javascript:alert(3)">click</a>',
      '<iframe src="https://evil.example/"></iframe>',
      '<style>body{display:none}</style>',
    ].join('\n');
    const { html, warnings } = await render(source);
    expect(html).toContain('Safe text');
    expect(html).not.toMatch(/script|alert|iframe|onerror|javascript|display:none/i);
    expect(html).toContain('<a>click</a>');
    const messages = warnings.map((warning) => `${warning.line}: ${warning.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2: <script> is not allowed/),
        expect.stringMatching(/^3: event handler attribute "onerror"/),
        expect.stringMatching(/^4: unsafe href "javascript:alert\(3\)"/),
        expect.stringMatching(/^5: <iframe> is not allowed/),
        expect.stringMatching(/^6: <style> is not allowed/),
      ]),
    );
  });

  it('removes data: URLs from images', async () => {
    const { html } = await render('<img src="data:text/html;base64,PHNjcmlwdD4=" alt="x">');
    expect(html).not.toContain('data:');
  });
});

describe('compileBody: images', () => {
  it('resolves relative images to served files and removes remote or missing ones', async () => {
    const result = await compileBody(
      '<img src="chart.png" alt="Chart">\n\n<img src="https://cdn.example/x.jpg" alt="Remote photo">\n\n<img src="gone.png" alt="">',
      { resolveImage: (src) => (src === 'chart.png' ? { src: '/media/news/chart.png' } : null) },
    );
    const html = renderBody(result.body);
    expect(html).toContain('src="/media/news/chart.png"');
    expect(html).not.toContain('cdn.example');
    expect(html).toContain('<span>Remote photo</span>');
    expect(result.warnings.map((warning) => warning.message)).toEqual([
      expect.stringMatching(/remote image "https:\/\/cdn.example\/x.jpg" is not shown/),
      expect.stringMatching(/image file "gone.png" does not exist/),
    ]);
  });
});

describe('compileBody: limits', () => {
  it('rejects bodies over the size limit', async () => {
    const error = await failure('word '.repeat(MAX_BODY_BYTES / 5 + 10));
    expect(error.message).toMatch(/the limit is 1 MB/);
  });

  it('rejects markup nested deeper than the limit, at the line where it gets too deep', async () => {
    const depth = MAX_NESTING_DEPTH + 5;
    const source = `<p>Intro</p>\n\n${'<div>\n'.repeat(depth)}deep${'</div>'.repeat(depth)}`;
    const error = await failure(source);
    expect(error.message).toMatch(/nests elements more than 100 levels deep/);
    expect(error.line).toBe(MAX_NESTING_DEPTH + 3);
  });

  it('accepts ordinary nesting', async () => {
    const { text } = await render(`${'<div>'.repeat(20)}fine${'</div>'.repeat(20)}`);
    expect(text).toBe('fine');
  });
});
