import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

import {
  articleFromFile,
  isPublic,
  newsImageExists,
  offerings,
  offeringStubs,
  publicArticles,
  topics,
} from './support/content';
import {
  allNewsListingHrefs,
  EXAMPLE_ARTICLE,
  expectHeaderNav,
  expectImageLoaded,
  expectNotFoundPage,
  hrefsIn,
} from './support/site';

const PAGE_SIZE = 12;

/** Datetime attributes of the story list on a listing page, in document order. */
async function listedDatetimes(page: Page): Promise<string[]> {
  return page
    .getByRole('main')
    .locator('time[datetime]')
    .evaluateAll((times) => times.map((time) => time.getAttribute('datetime') ?? ''));
}

/** Links of the story headlines (a link inside a heading) within the main area. */
function headlineLinks(page: Page) {
  return page.getByRole('main').getByRole('heading').getByRole('link');
}

/** An article's header image area: the element right after the header that holds the h1. */
function imageFrame(page: Page) {
  return page
    .getByRole('heading', { level: 1 })
    .locator('xpath=ancestor::header[1]/following-sibling::*[1]');
}

/** A 301 or 308 from `from` whose every Location header (Next may repeat it) leads to `to`. */
async function expectPermanentRedirect(request: APIRequestContext, from: string, to: string) {
  const response = await request.get(from, { maxRedirects: 0 });
  expect([301, 308]).toContain(response.status());
  const locations = response
    .headersArray()
    .filter((header) => header.name.toLowerCase() === 'location')
    .map((header) => new URL(header.value, 'http://site.invalid').pathname);
  expect(locations.length).toBeGreaterThan(0);
  expect(new Set(locations)).toEqual(new Set([to]));
}

function expectNewestFirst(datetimes: string[]): void {
  expect(datetimes.length).toBeGreaterThan(0);
  for (const value of datetimes) expect(Number.isNaN(Date.parse(value)), value).toBe(false);
  const sorted = [...datetimes].sort((a, b) => Date.parse(b) - Date.parse(a));
  expect(datetimes).toEqual(sorted);
}

test.describe('header navigation', () => {
  const kinds = [
    '/',
    '/news',
    '/news/page/2',
    EXAMPLE_ARTICLE.path,
    '/topics',
    '/topic/medigy-social-care',
    '/offerings',
    '/offering/luscii-platform',
    '/news/does-not-exist',
  ];
  for (const path of kinds) {
    test(`News, Topics and Offerings are in the header of ${path}`, async ({ page }) => {
      await page.goto(path);
      await expectHeaderNav(page);
    });
  }
});

test.describe('home page', () => {
  test('has the site headline and the latest stories, linked to their pages', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Digital Health Wire');

    const latest = page.getByRole('region', { name: 'Latest news' });
    const expected = publicArticles().slice(0, 7);
    const links = latest.getByRole('heading').getByRole('link');
    await expect(links).toHaveText(expected.map((article) => article.title));
    expect(await hrefsIn(latest.getByRole('heading'))).toEqual(
      expected.map((article) => `/news/${article.slug}`),
    );
  });

  test('topics section links to topic pages that exist', async ({ page, request }) => {
    await page.goto('/');
    const section = page.getByRole('region', { name: 'Topics' });
    const hrefs = (await hrefsIn(section)).filter((href) => href !== '/topics');
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      expect(href).toMatch(/^\/topic\/[a-z0-9-]+$/);
      expect((await request.get(href)).status(), href).toBe(200);
    }
    await expect(section.getByRole('link', { name: /Social Care/ })).toHaveAttribute(
      'href',
      '/topic/medigy-social-care',
    );
  });

  test('featured offerings link to offering pages that exist', async ({ page, request }) => {
    await page.goto('/');
    const section = page.getByRole('region', { name: 'Featured offerings' });
    const hrefs = await hrefsIn(section.getByRole('heading'));
    const known = new Set([...offerings(), ...offeringStubs()].map((o) => `/offering/${o.slug}`));
    expect(hrefs).toHaveLength(Math.min(6, known.size));
    for (const href of hrefs) {
      expect(known.has(href), `${href} is a known offering`).toBe(true);
      expect((await request.get(href)).status(), href).toBe(200);
    }
  });
});

test.describe('news listing', () => {
  test('/news shows the 12 newest published stories, newest first', async ({ page }) => {
    await page.goto('/news');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('News');
    const expected = publicArticles().slice(0, PAGE_SIZE);
    expect(expected).toHaveLength(PAGE_SIZE);
    await expect(headlineLinks(page)).toHaveCount(PAGE_SIZE);
    expect(await hrefsIn(page.getByRole('main').getByRole('heading'))).toEqual(
      expected.map((article) => `/news/${article.slug}`),
    );
    const datetimes = await listedDatetimes(page);
    expect(datetimes).toHaveLength(PAGE_SIZE);
    expectNewestFirst(datetimes);
  });

  test('a plain link leads to /news/page/2, which continues the list', async ({
    page,
    request,
  }) => {
    // The link is in the server HTML, so it works without JavaScript.
    expect(await (await request.get('/news')).text()).toContain('href="/news/page/2"');

    await page.goto('/news');
    const firstPageTimes = await listedDatetimes(page);
    const pager = page.getByRole('navigation', { name: 'News pages' });
    const pageTwo = pager.getByRole('link', { name: 'Page 2' });
    await expect(pageTwo).toHaveAttribute('href', '/news/page/2');
    await expect(pager.getByRole('link', { name: /Older/ })).toHaveAttribute(
      'href',
      '/news/page/2',
    );
    await pageTwo.click();
    await expect(page).toHaveURL(/\/news\/page\/2$/);

    const rest = publicArticles().slice(PAGE_SIZE, 2 * PAGE_SIZE);
    await expect(headlineLinks(page)).toHaveText(rest.map((article) => article.title));
    const secondPageTimes = await listedDatetimes(page);
    expectNewestFirst([...firstPageTimes, ...secondPageTimes]);
    await expect(pager.getByRole('link', { name: /Newer/ })).toHaveAttribute('href', '/news');
  });

  test('/news/page/1 redirects permanently to /news', async ({ page, request }) => {
    // Next.js repeats the header on the first, uncached render; every copy must say /news.
    await expectPermanentRedirect(request, '/news/page/1', '/news');

    await page.goto('/news/page/1');
    await expect(page).toHaveURL(/\/news$/);
  });

  for (const path of ['/news/page/999', '/news/page/0', '/news/page/abc']) {
    test(`${path} answers 404`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expectNotFoundPage(page);
    });
  }
});

test.describe('example article', () => {
  const article = articleFromFile(EXAMPLE_ARTICLE.file);

  test('shows headline, byline, date, body and source', async ({ page }) => {
    const response = await page.goto(EXAMPLE_ARTICLE.path);
    expect(response?.status()).toBe(200);
    const main = page.getByRole('main');

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
    await expect(main).toContainText('By Athira Ravi');
    const date = main.locator('header time');
    await expect(date).toHaveText('July 14, 2022');
    await expect(date).toHaveAttribute('datetime', '2022-07-14T00:00:00.000Z');

    // The body was mangled upstream (UTF-8 read as Windows-1252); readers see it repaired.
    await expect(main).toContainText('£2 billion ($2.37 billion) of funding');
    await expect(main).toContainText('NHS Digital chief executive Simon Bolton said');
    await expect(page.locator('body')).not.toContainText('Â£');

    const source = page.getByRole('complementary', { name: 'Source' });
    await expect(source).toContainText('via Healthcare IT News');
    const original = source.getByRole('link', { name: /Read the original article/ });
    const link = article.data.link as { original: string };
    expect(link.original).toMatch(/^https:\/\/www\.healthcareitnews\.com\//);
    await expect(original).toHaveAttribute('href', link.original);
    await expect(original).toHaveAccessibleName('Read the original article on Healthcare IT News');
  });

  test('links its topics and has breadcrumbs', async ({ page }) => {
    await page.goto(EXAMPLE_ARTICLE.path);
    const topicList = page.getByRole('main').getByRole('list', { name: 'Topics' });
    await expect(topicList.getByRole('link')).toHaveText(['Social Care', 'Digital Health']);
    expect(await hrefsIn(topicList)).toEqual([
      '/topic/medigy-social-care',
      '/topic/healthcare-it-news-digital-health',
    ]);

    const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
    await expect(crumbs.getByRole('link')).toHaveText(['Home', 'News']);
    expect(await hrefsIn(crumbs)).toEqual(['/', '/news']);
    await expect(crumbs.locator('[aria-current="page"]')).toHaveText(article.title);
  });

  test('shows the five related offerings in a carousel', async ({ page }) => {
    await page.goto(EXAMPLE_ARTICLE.path);
    const carousel = page.getByRole('region', { name: 'Related offerings' });
    await expect(carousel).toHaveAttribute('aria-roledescription', 'carousel');
    const cards = carousel.getByRole('listitem');
    await expect(cards).toHaveCount(5);
    expect(article.offerings.map((ref) => ref.slug)).toEqual([
      'm-doc-smart-clinic',
      'luscii-platform',
      'bpaus-platform',
      'kaia-health-platform',
      'dynamicares-digital-recovery-platform',
    ]);
    expect(await hrefsIn(carousel.getByRole('list'))).toEqual(
      article.offerings.map((ref) => `/offering/${ref.slug}`),
    );
    const titles = new Map(offerings().map((offering) => [offering.slug, offering.title]));
    await expect(carousel.getByRole('list').getByRole('link')).toHaveText(
      article.offerings.map((ref) => titles.get(ref.slug) ?? ref.label),
    );
  });

  test('every offering card on the article leads to a page that exists', async ({
    page,
    request,
  }) => {
    await page.goto(EXAMPLE_ARTICLE.path);
    const hrefs = await hrefsIn(page.getByRole('region', { name: 'Related offerings' }));
    expect(hrefs).toHaveLength(5);
    for (const href of hrefs) expect((await request.get(href)).status(), href).toBe(200);
  });

  test('its featured image loads', async ({ page }) => {
    expect(article.imageHref).toBe(EXAMPLE_ARTICLE.imageFile);
    expect(newsImageExists(EXAMPLE_ARTICLE.imageFile)).toBe(true);
    await page.goto(EXAMPLE_ARTICLE.path);
    const image = page.getByRole('main').getByRole('img', { name: article.title, exact: true });
    await expect(image).toBeVisible();
    expect(decodeURIComponent((await image.getAttribute('src')) ?? '')).toContain(
      `/media/news/${EXAMPLE_ARTICLE.imageFile}`,
    );
    await expectImageLoaded(image);
    await expect(imageFrame(page).getByTestId('image-placeholder')).toHaveCount(0);
    await expect(imageFrame(page).getByRole('img')).toHaveCount(1);
  });

  test('the server HTML already holds every carousel card and the body', async ({ request }) => {
    const response = await request.get(EXAMPLE_ARTICLE.path);
    expect(response.status()).toBe(200);
    const html = await response.text();
    for (const ref of article.offerings) {
      expect(html, ref.slug).toContain(`href="/offering/${ref.slug}"`);
    }
    expect(html).toContain('£2 billion ($2.37 billion) of funding');
    expect(html).toContain('NHS Digital chief executive Simon Bolton said');
    expect(html).toContain('data-testid="carousel-track"');
    expect(html).not.toContain('Â£');
  });
});

test('every story on the home page and every offering card shows its picture, not a placeholder', async ({
  page,
}) => {
  await page.goto('/');
  const main = page.getByRole('main');
  await expect(main.getByRole('img').first()).toBeVisible();
  await expect(main.getByTestId('image-placeholder')).toHaveCount(0);
  await page.goto('/offerings');
  await expect(page.getByRole('main').getByTestId('image-placeholder')).toHaveCount(0);
});

test('the lead story leaves no empty block under it, on a phone or a wide screen', async ({
  page,
}) => {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/');
    const lead = page.getByRole('region', { name: 'Latest news' }).getByRole('article').first();
    const { empty, nextGap } = await lead.evaluate((card) => {
      const bottom = card.getBoundingClientRect().bottom;
      const content = Math.max(
        ...[...card.children].map((child) => child.getBoundingClientRect().bottom),
      );
      const next = card.nextElementSibling?.getBoundingClientRect().top ?? bottom;
      return { empty: bottom - content, nextGap: next - bottom };
    });
    expect(empty, `${width} px: space inside the card under its picture and text`).toBeLessThan(2);
    expect(nextGap, `${width} px: space between the lead and the next stories`).toBeLessThanOrEqual(
      48,
    );
    if (width >= 1024) {
      const picture = (await lead.getByRole('img').boundingBox())!;
      const heading = (await lead.getByRole('heading').boundingBox())!;
      expect(heading.x, 'the text stands beside the picture').toBeGreaterThan(
        picture.x + picture.width,
      );
    }
  }
});

test.describe('unpublished stories', () => {
  const cases = [
    { kind: 'draft', file: 'news/cdb9f692-7808-5fe6-8572-8da2b816032b.mdx' },
    { kind: 'scheduled', file: 'news/5d48e169-62b7-569e-b682-36731f4a764c.mdx' },
  ];

  for (const { kind, file } of cases) {
    test(`the ${kind} story answers 404 and is listed nowhere`, async ({ page, request }) => {
      const article = articleFromFile(file);
      if (kind === 'draft') expect(article.status).toBe('draft');
      else expect(article.publishedAt.getTime()).toBeGreaterThan(Date.now());
      expect(isPublic(article)).toBe(false);
      const href = `/news/${article.slug}`;

      expect((await request.get(href)).status()).toBe(404);
      const response = await page.goto(href);
      expect(response?.status()).toBe(404);
      await expectNotFoundPage(page);

      const listed = await allNewsListingHrefs(page);
      // The listing check means something only if the listing holds every public story.
      for (const story of publicArticles()) expect(listed).toContain(`/news/${story.slug}`);
      expect(listed).not.toContain(href);

      await page.goto('/');
      expect(await hrefsIn(page.getByRole('main'))).not.toContain(href);
      await expect(page.getByRole('main')).not.toContainText(article.title);
    });
  }
});

test.describe('indexes of every topic, offering and author', () => {
  for (const index of ['/topics', '/offerings', '/authors']) {
    test(`${index}/page/1 redirects permanently to ${index}`, async ({ request }) => {
      await expectPermanentRedirect(request, `${index}/page/1`, index);
    });
  }
});

test.describe('unknown addresses', () => {
  for (const path of [
    '/news/does-not-exist',
    '/topic/nope',
    '/offering/nope',
    '/offerings/page/99',
    '/topics/page/99',
    '/authors/page/99',
    '/no/such/page',
  ]) {
    test(`${path} answers 404 with the not-found page`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expectNotFoundPage(page);
    });
  }
});

test.describe('topics', () => {
  test('/topics lists every topic, each leading to its page', async ({ page, request }) => {
    await page.goto('/topics');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Topics');
    const main = page.getByRole('main');
    for (const topic of topics()) {
      await expect(main.getByRole('link', { name: topic.title })).toHaveAttribute(
        'href',
        `/topic/${topic.slug}`,
      );
    }
    const hrefs = await hrefsIn(main);
    expect(hrefs).toHaveLength(topics().length);
    for (const href of hrefs) expect((await request.get(href)).status(), href).toBe(200);
  });

  test('/topics puts the topics with the most news first', async ({ page }) => {
    await page.goto('/topics');
    const cards = await page.getByRole('main').getByRole('listitem').allTextContents();
    const counts = cards.map((text) =>
      Number(/([\d,]+) articles?/.exec(text)?.[1]?.replace(/,/g, '')),
    );
    expect(counts.length).toBeGreaterThan(1);
    for (const count of counts) expect(Number.isInteger(count)).toBe(true);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  test('/topic/medigy-social-care shows its label, description, stories and offerings', async ({
    page,
  }) => {
    const topic = topics().find((candidate) => candidate.slug === 'medigy-social-care');
    expect(topic?.description).toBeTruthy();
    const response = await page.goto('/topic/medigy-social-care');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Social Care');
    await expect(page.getByRole('main')).toContainText(topic?.description ?? '');

    const stories = publicArticles().filter((a) => a.topicSlugs.includes('medigy-social-care'));
    expect(stories.map((a) => a.slug)).toContain(articleFromFile(EXAMPLE_ARTICLE.file).slug);
    const news = page.getByRole('region', { name: /^News/ });
    expect(await hrefsIn(news.getByRole('heading'))).toEqual(
      stories.map((story) => `/news/${story.slug}`),
    );

    const inTopic = [...offerings(), ...offeringStubs()]
      .filter((offering) => offering.categories.includes('Medigy: Social Care'))
      .map((offering) => `/offering/${offering.slug}`);
    expect(inTopic.length).toBeGreaterThan(0);
    const carousel = page.getByRole('region', { name: 'Offerings in Social Care' });
    expect((await hrefsIn(carousel.getByRole('list'))).sort()).toEqual(inTopic.sort());
  });
});

test.describe('offerings', () => {
  test('/offerings lists every offering, each leading to its page', async ({ page, request }) => {
    await page.goto('/offerings');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offerings');
    const expected = [...offerings(), ...offeringStubs()].map((o) => `/offering/${o.slug}`);
    const hrefs = await hrefsIn(page.getByRole('main').getByRole('heading'));
    expect([...hrefs].sort()).toEqual([...expected].sort());
    for (const href of hrefs) expect((await request.get(href)).status(), href).toBe(200);
  });

  test('/offering/luscii-platform shows title, vendor, topics, news and related offerings', async ({
    page,
  }) => {
    const response = await page.goto('/offering/luscii-platform');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Luscii Platform');
    await expect(page.getByRole('main')).toContainText('by Luscii');
    const details = page.getByRole('complementary', { name: 'Offering details' });
    await expect(details.getByRole('term')).toHaveText(['Vendor']);
    await expect(details.getByRole('definition')).toHaveText(['Luscii']);

    const topicLinks = page.getByRole('list', { name: 'Topics of Luscii Platform' });
    await expect(topicLinks.getByRole('link')).toHaveText([
      'Remote Patient Monitoring',
      'Digital Health',
    ]);
    expect(await hrefsIn(topicLinks)).toEqual([
      '/topic/healthcare-it-news-remote-patient-monitoring',
      '/topic/healthcare-it-news-digital-health',
    ]);

    const example = articleFromFile(EXAMPLE_ARTICLE.file);
    const news = page.getByRole('region', { name: 'In the news' });
    await expect(news.getByRole('link', { name: example.title })).toHaveAttribute(
      'href',
      EXAMPLE_ARTICLE.path,
    );
    const mentions = publicArticles().filter((a) =>
      a.offerings.some((ref) => ref.slug === 'luscii-platform'),
    );
    expect(await hrefsIn(news)).toEqual(mentions.map((a) => `/news/${a.slug}`));

    const related = page.getByRole('region', { name: 'Related offerings' });
    await expect(related).toHaveAttribute('aria-roledescription', 'carousel');
    const relatedHrefs = await hrefsIn(related.getByRole('list'));
    expect(relatedHrefs.length).toBeGreaterThan(0);
    expect(relatedHrefs).not.toContain('/offering/luscii-platform');
  });
});

test.describe('media', () => {
  test('serves a content image as JPEG', async ({ request }) => {
    const response = await request.get(`/media/news/${EXAMPLE_ARTICLE.imageFile}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/jpeg');
    const body = await response.body();
    expect([...body.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  for (const path of [
    '/media/news/../../package.json',
    '/media/news/..%2F..%2Fpackage.json',
    '/media/news/nope.jpg',
    `/media/${EXAMPLE_ARTICLE.file}`,
  ]) {
    test(`${path} answers 404`, async ({ request }) => {
      const response = await request.get(path);
      expect(response.status()).toBe(404);
      expect(await response.text()).not.toContain('"name": "healthtech-news-portal"');
    });
  }
});
