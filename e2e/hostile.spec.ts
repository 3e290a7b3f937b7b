/**
 * Hostile content: files written to break the server or attack the reader's browser, from
 * the one list of hostile cases (scripts/lib/corpus/hostile/). Each is written as a draft
 * into the content folder and opened through the editors' preview, which renders exactly as
 * the published page does. A case the portal must publish is checked twice: in the server's
 * HTML, and in Chromium, where no dialog may open, no marker set by injected script may
 * appear and no dangerous element may exist in the article. A case it must refuse is
 * reported to editors and never served.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import {
  HOSTILE_CASES,
  RUN,
  type HostileCaseDefinition,
  type HostileWriter,
} from '../scripts/lib/corpus/hostile';

import { articleFromFile, CONTENT_DIR, TEMPORARY_PREFIX } from './support/content';
import { EXAMPLE_ARTICLE, THEME_SCRIPT } from './support/site';

const SECRET = 'e2e-preview-secret';
const EXAMPLE = articleFromFile(EXAMPLE_ARTICLE.file);

function slugOf(id: string): string {
  return `e2e-hostile-${id}`;
}

function fileOf(id: string): string {
  return `news/${TEMPORARY_PREFIX}hostile-${id}.mdx`;
}

function writerFor(id: string): HostileWriter {
  const slug = slugOf(id);
  return {
    slug,
    existingSlug: EXAMPLE.slug,
    // Drafts: only preview shows them, so the suites running beside this one see no change.
    fields: (title) => ({ title, slug, date: '2026-01-10', status: 'draft' }),
    sentence: () => 'Ordinary prose around the attack.',
  };
}

function write(hostile: HostileCaseDefinition) {
  writeFileSync(path.join(CONTENT_DIR, fileOf(hostile.id)), hostile.text(writerFor(hostile.id)));
}

const RENDERED = HOSTILE_CASES.filter(
  (hostile) => hostile.expect === 'published' && !hostile.mayBeSkipped,
);
const REFUSED = HOSTILE_CASES.filter((hostile) => hostile.expect === 'skipped');
const PUBLISHED_OR_REFUSED = HOSTILE_CASES.filter((hostile) => hostile.mayBeSkipped);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ playwright }, testInfo) => {
  for (const hostile of HOSTILE_CASES) write(hostile);
  // The first preview read compiles every case, some slow on purpose (the table runs into the
  // compile time limit): pay for that once here rather than in the first test's time.
  testInfo.setTimeout(120_000);
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const preview = await api.get(`/api/draft?secret=${SECRET}&slug=${slugOf(RENDERED[0]!.id)}`, {
    timeout: 120_000,
  });
  expect(preview.status()).toBe(200);
  await api.dispose();
});

test.afterAll(() => {
  for (const hostile of HOSTILE_CASES)
    rmSync(path.join(CONTENT_DIR, fileOf(hostile.id)), { force: true });
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
  test(`hostile body "${article.id}": nothing runs, nothing is injected, the prose stays`, async ({
    page,
  }) => {
    const dialogs = watch(page);
    await enterPreview(page, slugOf(article.id));

    const response = await page.request.get(`/news/${slugOf(article.id)}`);
    expect(response.status()).toBe(200);
    const html = await response.text();
    // Only the framework's scripts, each with this response's nonce, and JSON-LD data blocks.
    const nonce = /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'] ?? '')?.[1];
    expect(nonce).toBeTruthy();
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
      if (!tag.includes('application/ld+json') && !tag.includes(THEME_SCRIPT)) {
        expect(tag).toContain(`nonce="${nonce}"`);
      }
    }
    // The body's HTML: from its container to the end of the article.
    const body = html
      .slice(html.indexOf('data-content-body'), html.lastIndexOf('</article>'))
      .toLowerCase();
    expect(body.length).toBeGreaterThan(0);
    for (const text of article.absentFromBody ?? []) expect(body).not.toContain(text.toLowerCase());
    // Front matter lands in <head> and the article's header: check those attacks page-wide.
    for (const text of article.absentFromPage ?? [])
      expect(html.toLowerCase()).not.toContain(text.toLowerCase());
    // No element keeps an event handler; markup inside an attribute's value is only text.
    const handlers = (body.match(/<[a-z][^>]*>/g) ?? []).filter((tag) =>
      /\son[a-z]+\s*=/.test(tag.replace(/"[^"]*"/g, '""')),
    );
    expect(handlers).toEqual([]);

    await page.goto(`/news/${slugOf(article.id)}`);
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

/** Preview on, through a case the portal publishes. */
async function enterAnyPreview(page: Page) {
  await enterPreview(page, slugOf(RENDERED[0]!.id));
}

for (const hostile of REFUSED) {
  test(`hostile file "${hostile.id}" is refused: reported to editors, not served, and the site stays up`, async ({
    page,
  }) => {
    await enterAnyPreview(page);
    if (hostile.claims === 'existing-slug') {
      // The article that had the slug first keeps it.
      await page.goto(EXAMPLE_ARTICLE.path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(EXAMPLE.title);
    } else {
      // Without the limits some would render: the table compiles in over 20 s.
      const response = await page.request.get(`/news/${slugOf(hostile.id)}`, { timeout: 60_000 });
      expect(response.status()).toBe(404);
    }
    expect((await page.request.get(EXAMPLE_ARTICLE.path)).status()).toBe(200);
    await page.goto('/editor');
    const row = page.getByRole('row').filter({ hasText: `${fileOf(hostile.id)}:` });
    await expect(row.getByRole('cell', { name: 'error', exact: true }).first()).toBeVisible();
  });
}

for (const hostile of PUBLISHED_OR_REFUSED) {
  test(`hostile file "${hostile.id}" does not hang the server: it is published or refused, and the site stays up`, async ({
    page,
  }) => {
    await enterAnyPreview(page);
    const response = await page.request.get(`/news/${slugOf(hostile.id)}`, { timeout: 60_000 });
    expect([200, 404]).toContain(response.status());
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
