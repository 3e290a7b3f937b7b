import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

import { EXAMPLE_ARTICLE } from './support/site';

const PAGES = [
  '/',
  '/news',
  EXAMPLE_ARTICLE.path,
  '/topics',
  '/topic/medigy-social-care',
  '/offerings',
  '/offering/luscii-platform',
  '/authors',
  '/author/devon-okafor',
  '/author/athira-ravi',
  '/source/healthcareitnews.com',
  '/search?q=health',
  '/news/does-not-exist',
];

const BLOCKING = new Set(['serious', 'critical']);

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    for (const path of PAGES) {
      test(`${path} has no serious or critical accessibility violations`, async ({ page }) => {
        const response = await page.goto(path);
        expect(response?.status()).toBe(path === '/news/does-not-exist' ? 404 : 200);
        // Scan the hydrated page: the carousel's controls change state once its script runs.
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await page.waitForLoadState('load');

        const results = await new AxeBuilder({ page }).analyze();
        const blocking = results.violations.filter((v) => v.impact && BLOCKING.has(v.impact));
        const report = blocking
          .map(
            (v) =>
              `${v.id} (${v.impact}): ${v.help}\n` +
              v.nodes.map((node) => `    ${node.target.join(' ')}`).join('\n'),
          )
          .join('\n');
        expect(blocking, `accessibility violations on ${path}:\n${report}`).toEqual([]);
      });
    }
  });
}
