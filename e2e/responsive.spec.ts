import path from 'node:path';

import { expect, test } from '@playwright/test';

import { EXAMPLE_ARTICLE, expectHeaderNav, expectImageLoaded } from './support/site';

const WIDTH = 360;

test.use({ viewport: { width: WIDTH, height: 800 } });

const PAGES = [
  { name: 'home', path: '/' },
  { name: 'article', path: EXAMPLE_ARTICLE.path },
  { name: 'topic', path: '/topic/medigy-social-care' },
  { name: 'offering', path: '/offering/luscii-platform' },
];

for (const { name, path } of PAGES) {
  test(`the ${name} page fits a ${WIDTH} px screen`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await page.waitForLoadState('load');
    const widths = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
    }));
    expect(widths.document, 'document width').toBeLessThanOrEqual(WIDTH);
    expect(widths.body, 'body width').toBeLessThanOrEqual(WIDTH);
    await expectHeaderNav(page);
  });
}

test(`full-page screenshot of the article at ${WIDTH} px`, async ({ page }, testInfo) => {
  await page.goto(EXAMPLE_ARTICLE.path);
  const image = page.getByRole('main').getByRole('img').first();
  // The featured image is preloaded; wait for it so the screenshot shows the page as read.
  await expectImageLoaded(image);
  // A fixed name in the project's output folder (test-results/), to look at after the run.
  const file = path.join(testInfo.project.outputDir, 'article-360.png');
  const shot = await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach('article-360', { path: file, contentType: 'image/png' });
  // A full-page capture is as wide as the page's content: anything over 360 px overflowed.
  expect(shot.readUInt32BE(16), 'screenshot width').toBe(WIDTH);
  expect(shot.readUInt32BE(20), 'screenshot height').toBeGreaterThan(800);
});

/** How the main pages look, attached to the test report (never written into the repository). */
test.describe('screenshots for the report', () => {
  const SHOTS = [
    { name: 'home', path: '/' },
    { name: 'article', path: EXAMPLE_ARTICLE.path },
    { name: 'author', path: '/author/devon-okafor' },
    { name: 'search', path: '/search?q=telehealth' },
  ];
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [390, 1280]) {
      test(`${width} px, ${colorScheme}`, async ({ browser }, testInfo) => {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
        const page = await context.newPage();
        try {
          for (const { name, path } of SHOTS) {
            await page.goto(path);
            // Full-page captures show what lies below the fold too: load every picture first.
            await page.evaluate(() =>
              document.querySelectorAll('img').forEach((img) => (img.loading = 'eager')),
            );
            for (const image of await page.getByRole('main').getByRole('img').all()) {
              await expectImageLoaded(image);
            }
            await testInfo.attach(`${name}-${width}-${colorScheme}`, {
              body: await page.screenshot({ fullPage: true }),
              contentType: 'image/png',
            });
          }
        } finally {
          await context.close();
        }
      });
    }
  }
});
