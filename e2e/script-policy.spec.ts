/**
 * The strict script policy on every kind of page, in Chromium: no violation is reported (every
 * script the framework wrote runs), and what needs script works: the search box's suggestions
 * and the carousel, on cached pages, on pages rendered per request, and in preview.
 */
import { expect, test, type Page } from '@playwright/test';

import { openCarousel } from './support/carousel';
import { articles, isPublic, offerings, topics } from './support/content';
import { EXAMPLE_ARTICLE } from './support/site';

const PREVIEW_SECRET = 'e2e-preview-secret';
const article = articles().find((item) => isPublic(item) && item.file !== EXAMPLE_ARTICLE.file)!;

const PAGES = [
  '/',
  '/news',
  '/news/page/2',
  EXAMPLE_ARTICLE.path,
  `/news/${article.slug}`,
  `/topic/${topics()[0]!.slug}`,
  `/offering/${offerings()[0]!.slug}`,
  '/topics',
  '/offerings',
  '/authors',
  '/author/devon-okafor',
  '/author/athira-ravi',
  '/source/healthcareitnews.com',
  '/search?q=telehealth',
  '/no/such/page',
];

/** Opens `path` and returns every policy violation the page reported while loading and idling. */
async function violationsOn(page: Page, path: string): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportViolation: (text: string) => void })
        .reportViolation;
      report(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  return violations;
}

for (const path of PAGES) {
  test(`${path}: no script policy violation, and the search box suggests`, async ({ page }) => {
    expect(await violationsOn(page, path)).toEqual([]);
    if (path.startsWith('/search')) return;
    const box = page.getByRole('banner').getByRole('combobox', { name: 'Search the site' });
    await box.fill('telehealth');
    await expect(
      page.getByRole('listbox', { name: 'Search suggestions' }).getByRole('option').first(),
    ).toBeVisible();
  });
}

test('the carousel works under the policy, from a cached page', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const c = await openCarousel(page, EXAMPLE_ARTICLE.path);
  await c.next.click();
  await expect(c.previous).toBeEnabled();
});

test('preview pages and the editors’ page run under the policy too', async ({ page }) => {
  await page.goto(`/api/draft?secret=${PREVIEW_SECRET}&slug=${article.slug}`);
  for (const path of [`/news/${article.slug}`, '/editor', '/']) {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(path);
    expect(response?.headers()['cache-control'], path).toBe('private, no-store');
    await expect(page.getByRole('status').filter({ hasText: 'Preview:' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(violations, path).toEqual([]);
  }
  await page.goto('/api/draft/disable');
});
