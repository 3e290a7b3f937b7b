/**
 * Editors' preview: Draft Mode on and off, drafts and scheduled articles, fresh reads from
 * disk, and what stays hidden outside preview. The tests write their own draft and scheduled
 * article into the content folder and remove them afterwards.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { expect, test, type APIResponse } from '@playwright/test';
import { stringify } from 'yaml';

import { CONTENT_DIR, TEMPORARY_PREFIX } from './support/content';
import { EXAMPLE_ARTICLE, expectNotFoundPage } from './support/site';

const SECRET = 'e2e-preview-secret';
const DRAFT = {
  file: `news/${TEMPORARY_PREFIX}draft.mdx`,
  slug: 'e2e-preview-draft',
  title: 'Preview draft about ward robots',
};
const SCHEDULED = {
  file: `news/${TEMPORARY_PREFIX}scheduled.mdx`,
  slug: 'e2e-preview-scheduled',
  title: 'Scheduled story about sensor patches',
};
/**
 * A draft naming what the sample content has no file for: its image, an offering and a topic.
 * The portal must still show each of them; the sample content itself names nothing missing.
 */
const GAPS = {
  file: `news/${TEMPORARY_PREFIX}gaps.mdx`,
  slug: 'e2e-preview-gaps',
  title: 'Draft naming a missing picture, offering and topic',
  offering: { slug: 'e2e-stub-product', label: 'E2E Stub Product' },
  topic: { slug: 'medigy-e2e-unfiled', name: 'Medigy: E2E Unfiled', label: 'E2E Unfiled' },
};

function write(file: string, frontMatter: Record<string, unknown>, body: string) {
  writeFileSync(path.join(CONTENT_DIR, file), `---\n${stringify(frontMatter)}---\n${body}\n`);
}

function writeDraft(body: string) {
  write(
    DRAFT.file,
    {
      title: DRAFT.title,
      slug: DRAFT.slug,
      description: 'A draft the preview tests write.',
      date: '2026-01-10',
      status: 'draft',
      categories: ['Medigy: Telehealth'],
      categoryUrl: ['topic/medigy-telehealth'],
    },
    body,
  );
}

function expectNoCookie(response: APIResponse) {
  expect(response.headers()['set-cookie'] ?? '').not.toContain('__prerender_bypass=');
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  writeDraft('First version of the draft.');
  write(
    SCHEDULED.file,
    { title: SCHEDULED.title, slug: SCHEDULED.slug, date: '2099-01-01', status: '' },
    'Not public until 2099.',
  );
  write(
    GAPS.file,
    {
      title: GAPS.title,
      slug: GAPS.slug,
      date: '2026-01-10',
      status: 'draft',
      categories: [GAPS.topic.name],
      categoryUrl: [`topic/${GAPS.topic.slug}`],
      categoryLabel: [GAPS.topic.label],
      featuredImage: { alt: 'Not there', href: 'e2e-no-such-picture.jpeg', size: [630, 1200] },
      relatedOfferings: [
        {
          label: GAPS.offering.label,
          permalink: `/offering/${GAPS.offering.slug}`,
          categories: [GAPS.topic.name],
        },
      ],
    },
    'A draft with gaps.',
  );
});

test.afterAll(() => {
  for (const file of [DRAFT.file, SCHEDULED.file, GAPS.file])
    rmSync(path.join(CONTENT_DIR, file), { force: true });
});

test('the draft route refuses a missing or wrong secret, and unknown content, without a cookie', async ({
  request,
}) => {
  for (const query of [
    `slug=${DRAFT.slug}`,
    `secret=wrong&slug=${DRAFT.slug}`,
    `secret=${SECRET}x&slug=${DRAFT.slug}`,
  ]) {
    const response = await request.get(`/api/draft?${query}`, { maxRedirects: 0 });
    expect(response.status(), query).toBe(401);
    expectNoCookie(response);
  }
  const unknown = await request.get(`/api/draft?secret=${SECRET}&slug=no-such-thing`, {
    maxRedirects: 0,
  });
  expect(unknown.status()).toBe(404);
  expectNoCookie(unknown);
  const bad = await request.get(
    `/api/draft?secret=${SECRET}&slug=${encodeURIComponent('//evil.example')}`,
    { maxRedirects: 0 },
  );
  expect(bad.status()).toBe(400);
  expectNoCookie(bad);
});

test('the draft route redirects to the canonical path it looked up, never to one from the query', async ({
  request,
}) => {
  const response = await request.get(
    `/api/draft?secret=${SECRET}&slug=${DRAFT.slug}&redirect=https://evil.example/&next=//evil.example`,
    {
      maxRedirects: 0,
    },
  );
  expect(response.status()).toBe(307);
  expect(new URL(response.headers().location!, 'http://x').pathname).toBe(`/news/${DRAFT.slug}`);
  expect(response.headers()['set-cookie']).toContain('__prerender_bypass=');
});

test('outside preview, drafts and scheduled articles answer 404 and appear nowhere', async ({
  page,
  request,
}) => {
  for (const slug of [DRAFT.slug, SCHEDULED.slug]) {
    expect((await request.get(`/news/${slug}`)).status(), slug).toBe(404);
    expect((await request.get(`/og/news/${slug}`)).status(), slug).toBe(404);
  }
  for (const path of [
    '/',
    '/news',
    '/topic/medigy-telehealth',
    '/feed.xml',
    '/sitemap.xml',
    '/api/search?q=ward%20robots',
    '/search?q=sensor',
  ]) {
    const body = await (await request.get(path)).text();
    expect(body, path).not.toContain(DRAFT.slug);
    expect(body, path).not.toContain(SCHEDULED.slug);
  }
  expect((await request.get('/editor')).status()).toBe(404);
  for (const path of [`/news/${DRAFT.slug}`, '/editor']) {
    await page.goto(path);
    await expectNotFoundPage(page);
  }
});

test('an editor previews a draft and a scheduled article, sees an edit on reload, and leaves preview', async ({
  page,
}) => {
  await page.goto(`/api/draft?secret=${SECRET}&slug=${DRAFT.slug}`);
  await expect(page).toHaveURL(new RegExp(`/news/${DRAFT.slug}$`));
  const banner = page.getByRole('status').filter({ hasText: 'Preview:' });
  await expect(banner).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(DRAFT.title);
  await expect(page.getByText('First version of the draft.')).toBeVisible();
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);

  writeDraft('Second version, saved a moment ago.');
  await page.reload();
  await expect(page.getByText('Second version, saved a moment ago.')).toBeVisible();

  await page.goto(`/news/${SCHEDULED.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SCHEDULED.title);
  await expect(banner).toBeVisible();

  await page.goto('/editor');
  await expect(page.getByRole('heading', { name: 'Drafts' })).toBeVisible();
  await expect(page.getByRole('link', { name: DRAFT.title })).toHaveAttribute(
    'href',
    `/news/${DRAFT.slug}`,
  );
  await expect(page.getByRole('link', { name: SCHEDULED.title })).toHaveAttribute(
    'href',
    `/news/${SCHEDULED.slug}`,
  );

  for (const path of [
    '/',
    '/news',
    '/topic/medigy-telehealth',
    EXAMPLE_ARTICLE.path,
    '/offering/luscii-platform',
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(response?.headers()['cache-control'], path).toMatch(/private/);
    expect(response?.headers()['cache-control'], path).toMatch(/no-store/);
    expect(response?.headers()['x-robots-tag'], path).toMatch(/noindex/);
    await expect(banner, path).toBeVisible();
  }

  await banner.getByRole('link', { name: 'Exit preview' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(banner).toHaveCount(0);
  for (const slug of [DRAFT.slug, SCHEDULED.slug]) {
    const response = await page.goto(`/news/${slug}`);
    expect(response?.status(), slug).toBe(404);
  }
});

test('the draft route without a slug opens the editors’ page in preview', async ({ page }) => {
  await page.goto(`/api/draft?secret=${SECRET}`);
  await expect(page).toHaveURL(/\/editor$/);
  await expect(page.getByRole('heading', { name: 'Editors', level: 1 })).toBeVisible();
  await page.goto('/api/draft/disable');
});

test('on a plain-HTTP site the preview cookie is not Secure, so browsers keep it', async ({
  request,
}) => {
  // The browser tests' server has no SITE_URL: its site is http://localhost:3000.
  const on = await request.get(`/api/draft?secret=${SECRET}`, { maxRedirects: 0 });
  const cookies = on.headersArray().filter((header) => header.name.toLowerCase() === 'set-cookie');
  expect(cookies).toHaveLength(1);
  expect(cookies[0]!.value).toMatch(/^__prerender_bypass=[^;]+;/);
  expect(cookies[0]!.value).toMatch(/; SameSite=Lax/i);
  expect(cookies[0]!.value).not.toMatch(/; Secure/i);
  const off = await request.get('/api/draft/disable', { maxRedirects: 0 });
  expect(off.headers()['set-cookie']).toMatch(/^__prerender_bypass=;.*Expires=Thu, 01 Jan 1970/i);
  expect(off.headers()['set-cookie']).not.toMatch(/; Secure/i);
});

test('in preview, drafts and scheduled articles say so on their pages and cards', async ({
  page,
}) => {
  await page.goto(`/api/draft?secret=${SECRET}&slug=${DRAFT.slug}`);
  const articleHeader = page
    .getByRole('heading', { level: 1 })
    .locator('xpath=ancestor::header[1]');
  await expect(articleHeader.getByText('Draft', { exact: true })).toBeVisible();
  await page.goto(`/news/${SCHEDULED.slug}`);
  await expect(articleHeader.getByText('Scheduled January 1, 2099')).toBeVisible();

  // The scheduled story is the newest, so it leads the home page.
  await page.goto('/');
  const lead = page.getByRole('region', { name: 'Latest news' }).getByRole('article').first();
  await expect(lead.getByRole('heading')).toHaveText(SCHEDULED.title);
  await expect(lead.getByText('Scheduled January 1, 2099')).toBeVisible();
  await page.goto(`/topic/${GAPS.topic.slug}`);
  const card = page.getByRole('region', { name: /^News/ }).getByRole('article');
  await expect(card.getByText('Draft', { exact: true })).toBeVisible();
  // A published story has no badge.
  await page.goto(EXAMPLE_ARTICLE.path);
  await expect(articleHeader).toBeVisible();
  await expect(articleHeader.getByText(/^(Draft|Scheduled)/)).toHaveCount(0);
  await page.goto('/api/draft/disable');
});

test('a story whose picture, offering or topic has no file still shows, with a placeholder and pages built from it', async ({
  page,
  request,
}) => {
  for (const path of [
    `/news/${GAPS.slug}`,
    `/offering/${GAPS.offering.slug}`,
    `/topic/${GAPS.topic.slug}`,
  ]) {
    expect((await request.get(path)).status(), `${path} outside preview`).toBe(404);
  }
  await page.goto(`/api/draft?secret=${SECRET}&slug=${GAPS.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(GAPS.title);
  // The image area right after the article's header: a placeholder, not a broken image.
  const frame = page
    .getByRole('heading', { level: 1 })
    .locator('xpath=ancestor::header[1]/following-sibling::*[1]');
  await expect(frame.getByTestId('image-placeholder')).toHaveCount(1);
  await expect(frame.locator('img')).toHaveCount(0);
  await expect(frame).toBeVisible();

  await page.goto(`/offering/${GAPS.offering.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(GAPS.offering.label);
  await expect(page.getByRole('main')).toContainText(
    `We do not have a full profile of ${GAPS.offering.label} yet`,
  );
  await expect(page.getByRole('region', { name: 'In the news' }).getByRole('link')).toHaveText([
    GAPS.title,
  ]);

  await page.goto(`/topic/${GAPS.topic.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(GAPS.topic.label);
  await expect(
    page.getByRole('region', { name: /^News/ }).getByRole('heading').getByRole('link'),
  ).toHaveText([GAPS.title]);
  await page.goto('/api/draft/disable');
});

test('the revalidation endpoint refuses callers without the secret', async ({ request }) => {
  expect((await request.post('/api/revalidate')).status()).toBe(401);
  expect(
    (
      await request.post('/api/revalidate', { headers: { authorization: 'Bearer wrong' } })
    ).status(),
  ).toBe(401);
  const response = await request.post('/api/revalidate', {
    headers: { authorization: 'Bearer e2e-revalidate-secret' },
  });
  expect(response.status()).toBe(200);
  expect(await response.json()).toHaveProperty('changedFiles');
});
