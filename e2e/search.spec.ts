import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

import { tabTo } from './support/carousel';
import { offerings } from './support/content';

/** An offering with a profile file: searching its name must find its page. */
const OFFERING = (() => {
  const found = offerings().find((offering) => offering.slug === 'luscii-platform');
  if (!found) throw new Error('the sample content has no offerings/luscii-platform.mdx');
  return found;
})();

interface ApiResponse {
  total: number;
  hits: Array<{
    url: string;
    title: string;
    titleHighlight: Array<{ text: string; match: boolean }>;
  }>;
}

function searchBox(page: Page) {
  return page.getByRole('banner').getByRole('combobox', { name: 'Search the site' });
}

/** Opens a page and waits for the header box to hydrate into its combobox. */
async function openWithSearchBox(page: Page, path = '/news') {
  await page.goto(path);
  await expect(searchBox(page)).toBeVisible();
  return searchBox(page);
}

test.describe('the header search box, by keyboard', () => {
  test('shows results while typing, moves through them with arrows and opens one with Enter', async ({
    page,
    request,
  }) => {
    const expected = (await (
      await request.get('/api/search?q=telehealth&limit=8')
    ).json()) as ApiResponse;
    expect(expected.hits.length).toBeGreaterThan(1);

    const box = await openWithSearchBox(page);
    await tabTo(page, box, 10);
    await page.keyboard.type('telehealth');

    const listbox = page.getByRole('listbox', { name: 'Search suggestions' });
    await expect(listbox).toBeVisible();
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    await expect(box).toHaveAttribute('aria-controls', (await listbox.getAttribute('id'))!);
    const options = listbox.getByRole('option');
    await expect(options).toHaveCount(expected.hits.length);
    await expect(options.first()).toContainText(expected.hits[0]!.title);
    await expect(options.first().locator('mark').first()).toHaveText(/telehealth/i);
    await expect(page.getByRole('banner').getByRole('status')).toHaveText(
      new RegExp(`^${expected.total} results?\\.`),
    );

    await page.keyboard.press('ArrowDown');
    await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
    await expect(box).toHaveAttribute(
      'aria-activedescendant',
      (await options.nth(0).getAttribute('id'))!,
    );
    await page.keyboard.press('ArrowDown');
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(options.nth(0)).toHaveAttribute('aria-selected', 'false');
    await page.keyboard.press('ArrowUp');
    await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
    await expect(box).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(expected.hits[0]!.url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('Escape closes the list, and a second Escape clears the box', async ({ page }) => {
    const box = await openWithSearchBox(page);
    await box.focus();
    await page.keyboard.type('remote monitoring');
    const listbox = page.getByRole('listbox', { name: 'Search suggestions' });
    await expect(listbox).toBeVisible();

    await page.keyboard.press('Escape');
    await expect(listbox).toBeHidden();
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await expect(box).not.toHaveAttribute('aria-activedescendant');
    await expect(box).toHaveValue('remote monitoring');
    await expect(box).toBeFocused();

    await page.keyboard.press('ArrowDown');
    await expect(listbox).toBeVisible();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect(box).toHaveValue('');
  });

  test('Enter with no result chosen goes to the results page', async ({ page }) => {
    const box = await openWithSearchBox(page);
    await box.focus();
    await page.keyboard.type(OFFERING.title);
    await expect(page.getByRole('listbox', { name: 'Search suggestions' })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(
      `/search?q=${encodeURIComponent(OFFERING.title).replaceAll('%20', '+')}`,
    );
    await expect(page.getByRole('main').getByRole('link', { name: OFFERING.title })).toBeVisible();
  });

  test('debounces requests while typing and answers a repeated query from its cache', async ({
    page,
  }) => {
    const requests: string[] = [];
    page.on('request', (req) => {
      if (new URL(req.url()).pathname === '/api/search') requests.push(req.url());
    });
    const box = await openWithSearchBox(page);
    await box.focus();
    const final = page.waitForRequest((req) => req.url().includes('q=interoperability&'));
    await page.keyboard.type('interoperability', { delay: 20 });
    await final;
    await expect(page.getByRole('listbox', { name: 'Search suggestions' })).toBeVisible();
    // 16 keystrokes 20 ms apart with a 150 ms debounce: one request, or a few on a busy machine.
    expect(requests.length).toBeGreaterThanOrEqual(1);
    expect(requests.length).toBeLessThanOrEqual(4);
    expect(requests.at(-1)).toContain('q=interoperability&');

    const before = requests.length;
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.keyboard.type('interoperability');
    await expect(page.getByRole('listbox', { name: 'Search suggestions' })).toBeVisible();
    await page.waitForTimeout(300);
    expect(requests.slice(before).filter((url) => url.includes('q=interoperability&'))).toEqual([]);
  });

  test('aborts a request the reader has typed past', async ({ page }) => {
    // Hold the first request long enough that the query changes while it is in flight.
    await page.route('**/api/search?*', async (route) => {
      if (route.request().url().includes('q=tele&'))
        await new Promise((resolve) => setTimeout(resolve, 3000));
      await route.continue().catch(() => {});
    });
    // Seen from the page: a fetch whose signal was aborted rejects with an AbortError at once.
    await page.addInitScript(() => {
      const aborted: string[] = [];
      Object.assign(window, { abortedSearches: aborted });
      const original = window.fetch.bind(window);
      window.fetch = (input, init) =>
        original(input, init).catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError')
            aborted.push(String(input));
          throw error;
        });
    });
    const box = await openWithSearchBox(page);
    await box.focus();
    await page.keyboard.type('tele');
    await page.waitForRequest((req) => req.url().includes('q=tele&'));
    await page.keyboard.type('health');
    const listbox = page.getByRole('listbox', { name: 'Search suggestions' });
    await expect(listbox.getByRole('option').first()).toContainText(/telehealth/i);
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as { abortedSearches: string[] }).abortedSearches.some((url) =>
            url.includes('q=tele&'),
          ),
        ),
      )
      .toBe(true);
  });

  test('fills a phone screen without overflowing it', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    const box = await openWithSearchBox(page);
    const width = (await box.boundingBox())!.width;
    expect(width).toBeGreaterThan(260);
    await box.focus();
    await page.keyboard.type('telehealth');
    const listbox = page.getByRole('listbox', { name: 'Search suggestions' });
    await expect(listbox).toBeVisible();
    const box2 = (await listbox.boundingBox())!;
    expect(box2.x).toBeGreaterThanOrEqual(0);
    expect(box2.x + box2.width).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
  });
});

test.describe('the header search box, loading its suggestions', () => {
  /** Only the suggestion source's module asks /api/search for suggestions. */
  const SUGGESTION_CODE = '/api/search?';

  test('downloads the code behind suggestions on first use, not with the page', async ({
    page,
  }) => {
    const suggestionScripts: string[] = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'script') return;
      const body = await response.text().catch(() => '');
      if (body.includes(SUGGESTION_CODE)) suggestionScripts.push(response.url());
    });
    const box = await openWithSearchBox(page, '/');
    await page.waitForLoadState('load');
    // The page is hydrated and its scripts have arrived; a reader who never searches stops here.
    await page.mouse.move(0, 0);
    await page.waitForTimeout(500);
    expect(suggestionScripts).toEqual([]);

    await box.focus();
    await expect.poll(() => suggestionScripts.length).toBe(1);
    await page.keyboard.type('telehealth');
    await expect(
      page.getByRole('listbox', { name: 'Search suggestions' }).getByRole('option').first(),
    ).toBeVisible();
  });

  test('says search is unavailable when that code cannot be downloaded, and Enter still searches', async ({
    page,
  }) => {
    const box = await openWithSearchBox(page);
    await page.waitForLoadState('load');
    // As if the network dropped, or a deploy replaced that one chunk; the route's own code loads.
    await page.route('**/_next/static/chunks/**', async (route) => {
      const response = await route.fetch();
      if ((await response.text()).includes(SUGGESTION_CODE)) await route.abort();
      else await route.fulfill({ response });
    });
    await box.focus();
    await page.keyboard.type('telehealth');
    await expect(page.getByRole('banner').getByRole('status')).toHaveText(
      /Search is not available right now/,
    );
    await expect(box).toHaveAttribute('aria-expanded', 'true');

    await page.keyboard.press('Enter');
    await expect(page).toHaveURL('/search?q=telehealth');
    await expect(page.getByRole('main').getByRole('link').first()).toBeVisible();
  });
});

test.describe('the /search page', () => {
  test('is server-rendered and searchable without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      const response = await page.goto('/search');
      expect(response?.status()).toBe(200);
      await page.getByLabel('Search news, offerings and topics').fill(OFFERING.title);
      await page.getByRole('main').getByRole('button', { name: 'Search' }).click();
      await expect(page).toHaveURL(/\/search\?q=/);
      await expect(page.getByRole('main').getByRole('status')).toContainText(
        `for “${OFFERING.title}”`,
      );
      const link = page.getByRole('main').getByRole('link', { name: OFFERING.title });
      await expect(link).toHaveAttribute('href', `/offering/${OFFERING.slug}`);

      // The header's form works without JavaScript too: cached pages carry it in their HTML.
      await page.goto('/news');
      await page.getByRole('banner').getByLabel('Search the site').fill('telehealth');
      await page.getByRole('banner').getByLabel('Search the site').press('Enter');
      await expect(page).toHaveURL('/search?q=telehealth');
      await expect(page.getByRole('main').getByRole('heading', { level: 2 }).first()).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test('filters by type and topic with plain links and pages through results', async ({ page }) => {
    await page.goto('/search?q=health');
    const main = page.getByRole('main');
    const types = main.getByRole('navigation', { name: 'Type' });
    await expect(types.getByRole('link', { name: /^All/ })).toHaveAttribute('aria-current', 'true');
    const offeringsLink = types.getByRole('link', { name: /^Offerings/ });
    const count = Number((await offeringsLink.textContent())!.replace(/\D/g, ''));
    expect(count).toBeGreaterThan(0);
    await offeringsLink.click();
    await expect(page).toHaveURL(/[?&]type=offering/);
    await expect(main.getByRole('status')).toContainText(`${count} result`);
    const results = main.getByRole('region', { name: 'Results' });
    await expect(results.getByText('Offering', { exact: true })).toHaveCount(Math.min(count, 10));
    await expect(results.getByText('Article', { exact: true })).toHaveCount(0);

    const topic = main.getByRole('navigation', { name: 'Topic' }).getByRole('link').nth(1);
    await topic.click();
    await expect(page).toHaveURL(/[?&]topic=[a-z0-9-]+/);
    await expect(
      main.getByRole('navigation', { name: 'Topic' }).locator('[aria-current="true"]'),
    ).not.toHaveText(/Any topic/);

    await page.goto('/search?q=health&limit=5');
    const pages = main.getByRole('navigation', { name: 'Search result pages' });
    await pages.getByRole('link', { name: /Next/ }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(pages.locator('[aria-current="page"]')).toHaveText('2');
  });

  test('on a phone, folds the filters away so that the first result shows on the first screen', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/search?q=health');
    const main = page.getByRole('main');
    const types = main.getByRole('navigation', { name: 'Type' });
    await expect(types).toBeHidden();
    const first = main.getByRole('region', { name: 'Results' }).getByRole('heading').first();
    const box = (await first.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(844);

    await main.getByText('Filters', { exact: true }).click();
    await expect(types.getByRole('link', { name: /^All/ })).toBeVisible();

    // On a wide screen they stand open beside the results, with nothing to unfold.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.reload();
    await expect(types).toBeVisible();
    await expect(main.getByText('Filters', { exact: true })).toBeHidden();
  });

  test('keeps its URL in step with the header box', async ({ page }) => {
    await page.goto('/news');
    await page.goto('/search?q=telehealth');
    const box = searchBox(page);
    await expect(box).toHaveValue('telehealth');
    await box.fill('');
    await box.pressSequentially('luscii', { delay: 30 });
    await expect(page).toHaveURL('/search?q=luscii');
    await expect(page.getByRole('main').getByRole('link', { name: OFFERING.title })).toBeVisible();
    await expect(page.getByLabel('Search news, offerings and topics')).toHaveValue('luscii');
    // The page shows the results, so the box shows no list of its own here.
    await expect(page.getByRole('listbox')).toBeHidden();
    // The URL was replaced, not pushed: Back leaves the search.
    await page.goBack();
    await expect(page).toHaveURL('/news');
  });

  test('is not indexed, and explains bad parameters instead of failing', async ({ page }) => {
    const response = await page.goto('/search?q=telehealth');
    expect(response?.status()).toBe(200);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    await expect(page).toHaveTitle(/Search results for “telehealth”/);

    for (const bad of ['/search?q=a&q=b', '/search?q=a&page=-1', '/search?q=a&limit=100000']) {
      const answer = await page.goto(bad);
      expect(answer?.status(), bad).toBe(200);
      await expect(page.getByRole('main').getByRole('alert')).toContainText(
        'That search could not be run',
      );
    }
  });

  test('has no serious or critical accessibility violations, list open or closed', async ({
    page,
  }) => {
    await page.goto('/search?q=telehealth');
    await page.waitForLoadState('load');
    await expectNoBlockingViolations(page, '/search?q=telehealth');

    const box = await openWithSearchBox(page, '/news');
    await box.focus();
    await page.keyboard.type('tele');
    await expect(page.getByRole('listbox', { name: 'Search suggestions' })).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expectNoBlockingViolations(page, 'the open search box');
  });
});

test.describe('GET /api/search', () => {
  test('answers ranked JSON with highlights and counts', async ({ request }) => {
    const response = await request.get(`/api/search?q=${encodeURIComponent(OFFERING.title)}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('public, max-age=60');
    const body = (await response.json()) as ApiResponse & Record<string, unknown>;
    expect(body).toMatchObject({
      query: { q: OFFERING.title, type: null, topic: null, page: 1, limit: 10 },
      counts: {
        type: {
          article: expect.any(Number),
          offering: expect.any(Number),
          topic: expect.any(Number),
        },
      },
    });
    expect(body.hits[0]).toMatchObject({
      type: 'offering',
      url: `/offering/${OFFERING.slug}`,
      title: OFFERING.title,
      snippet: expect.any(Array),
    });
    expect(body.hits[0]!.titleHighlight.filter((s) => s.match).length).toBeGreaterThan(0);
  });

  test('answers hostile queries with 4xx or an empty result, never a 5xx', async ({ request }) => {
    const cases: Array<[string, number | 'client error']> = [
      // Node refuses a URL this long before the app sees it (431); either way a client error.
      [`/api/search?q=${'a'.repeat(100_000)}`, 'client error'],
      ['/api/search?q=%FF', 400],
      ['/api/search?q=a&q=b', 400],
      ['/api/search?q=a&page=-1', 400],
      ['/api/search?q=a&limit=100000', 400],
      [`/api/search?q=${encodeURIComponent('(.*)+')}`, 200],
      ['/api/search?q=', 200],
    ];
    for (const [url, expected] of cases) {
      const response = await request.get(url);
      const label = url.slice(0, 60);
      if (expected === 'client error') {
        expect(response.status(), label).toBeGreaterThanOrEqual(400);
        expect(response.status(), label).toBeLessThan(500);
        continue;
      }
      expect(response.status(), label).toBe(expected);
      const body = (await response.json()) as { error?: { parameter: string }; total?: number };
      if (expected === 400) expect(body.error?.parameter, label).toMatch(/^(q|page|limit)$/);
      else expect(body.total, label).toBe(0);
    }
    expect((await request.post('/api/search?q=a')).status()).toBe(405);
  });
});

async function expectNoBlockingViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  const report = blocking
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
    )
    .join('\n');
  expect(blocking, `accessibility violations on ${what}:\n${report}`).toEqual([]);
}
