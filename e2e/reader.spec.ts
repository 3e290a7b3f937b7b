/**
 * What readers of a news site expect around an article: its authors' pages, its source's page,
 * related stories and share links. Expectations come from the content files themselves.
 */
import { expect, test, type Page } from '@playwright/test';

import {
  articleFromFile,
  authorProfiles,
  publicArticles,
  type ContentArticle,
} from './support/content';
import { EXAMPLE_ARTICLE, expectImageLoaded, expectNotFoundPage, hrefsIn } from './support/site';

const SITE = 'http://localhost:3000';
const example = articleFromFile(EXAMPLE_ARTICLE.file);

/** An author with a profile and more than one public article. */
const profiled = (() => {
  const found = authorProfiles().find((author) => author.photo && byAuthor(author.name).length > 1);
  if (!found) throw new Error('the sample content has no profiled author with two articles');
  return found;
})();

function byAuthor(name: string): ContentArticle[] {
  return publicArticles().filter((article) => article.authors.includes(name));
}

/** Hrefs of the headline links of the story cards in `main`. */
function storyHrefs(page: Page): Promise<string[]> {
  return hrefsIn(page.getByRole('main').getByRole('article').getByRole('heading'));
}

async function expectAllResolve(page: Page, hrefs: string[]): Promise<void> {
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of new Set(hrefs)) {
    expect((await page.request.get(href)).status(), href).toBe(200);
  }
}

test.describe('authors', () => {
  test('a byline leads to the author’s page, which lists their articles newest first', async ({
    page,
  }) => {
    await page.goto(EXAMPLE_ARTICLE.path);
    const byline = page.getByRole('main').getByRole('link', { name: 'Athira Ravi' });
    await expect(byline).toHaveAttribute('href', '/author/athira-ravi');
    await byline.click();
    await expect(page).toHaveURL(/\/author\/athira-ravi$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Athira Ravi');
    expect(await storyHrefs(page)).toEqual(byAuthor('Athira Ravi').map((a) => `/news/${a.slug}`));
    await expect(page).toHaveTitle('Athira Ravi | Digital Health Wire');
  });

  test('a profile adds the author’s role, biography and photo, and a ProfilePage for crawlers', async ({
    page,
  }) => {
    const response = await page.goto(`/author/${profiled.slug}`);
    expect(response?.status()).toBe(200);
    const main = page.getByRole('main');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(profiled.name);
    await expect(main.getByText(profiled.role!, { exact: true })).toBeVisible();
    await expect(main).toContainText(`${profiled.name} is a fictional`);
    const photo = main.locator('header img');
    expect(decodeURIComponent((await photo.getAttribute('src')) ?? '')).toContain(
      `/media/authors/${profiled.photo}`,
    );
    await expectImageLoaded(photo);

    const expected = byAuthor(profiled.name).map((article) => `/news/${article.slug}`);
    const hrefs = await storyHrefs(page);
    expect(hrefs).toEqual(expected);
    await expectAllResolve(page, hrefs);

    const blocks = await page
      .locator('script[type="application/ld+json"]')
      .evaluateAll((scripts) => scripts.map((script) => JSON.parse(script.textContent ?? '')));
    expect(blocks.find((block) => block['@type'] === 'ProfilePage')).toMatchObject({
      url: `${SITE}/author/${profiled.slug}`,
      mainEntity: {
        '@type': 'Person',
        name: profiled.name,
        url: `${SITE}/author/${profiled.slug}`,
        jobTitle: profiled.role,
      },
    });
  });

  test('an article by several authors links each of them', async ({ page }) => {
    const shared = publicArticles().find((article) => article.authors.length > 1)!;
    await page.goto(`/news/${shared.slug}`);
    const header = page.getByRole('heading', { level: 1 }).locator('xpath=ancestor::header[1]');
    await expect(header.getByRole('link')).toHaveText(shared.authors);
    await expectAllResolve(page, await hrefsIn(header));
  });

  test('/authors lists every author, each leading to their page', async ({ page }) => {
    await page.goto('/authors');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Authors');
    const names = [
      ...new Set([
        ...publicArticles().flatMap((article) => article.authors),
        ...authorProfiles().map((author) => author.name),
      ]),
    ].sort((a, b) => a.localeCompare(b, 'en'));
    const links = page.getByRole('main').getByRole('link');
    await expect(links).toHaveCount(names.length);
    for (const [index, name] of names.entries()) await expect(links.nth(index)).toContainText(name);
    await expectAllResolve(page, await hrefsIn(page.getByRole('main')));
    await expect(
      page.getByRole('contentinfo').getByRole('link', { name: 'Authors' }),
    ).toHaveAttribute('href', '/authors');
  });

  test('an unknown author, or a page past their last, is a 404', async ({ page }) => {
    for (const path of ['/author/nobody-at-all', `/author/${profiled.slug}/page/2`]) {
      expect((await page.goto(path))?.status(), path).toBe(404);
      await expectNotFoundPage(page);
    }
  });
});

test.describe('sources', () => {
  test('the “via” line leads to the source’s page, which lists what was curated from it', async ({
    page,
  }) => {
    await page.goto(EXAMPLE_ARTICLE.path);
    const via = page
      .getByRole('complementary', { name: 'Source' })
      .getByRole('link', { name: 'Healthcare IT News', exact: true });
    await expect(via).toHaveAttribute('href', '/source/healthcareitnews.com');
    await via.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Healthcare IT News');
    const curated = publicArticles().filter((article) => article.brand === example.brand);
    expect(await storyHrefs(page)).toEqual(curated.map((article) => `/news/${article.slug}`));
  });

  test('a card’s source link lists every public story from that source, newest first', async ({
    page,
  }) => {
    // The source with the most stories among those on the first page of /news.
    const curatedFrom = (brand: string | null) =>
      publicArticles().filter((article) => article.brand === brand);
    const brand = publicArticles()
      .slice(0, 12)
      .map((article) => article.brand!)
      .sort((a, b) => curatedFrom(b).length - curatedFrom(a).length)[0]!;
    const curated = curatedFrom(brand);
    expect(curated.length).toBeGreaterThan(1);

    await page.goto('/news');
    const card = page.getByRole('main').getByRole('article').filter({ hasText: curated[0]!.title });
    await card.getByRole('link', { name: brand }).click();
    await expect(page).toHaveURL(new RegExp(`/source/${brand.replace(/\./g, '\\.')}$`));
    const hrefs = await storyHrefs(page);
    expect(hrefs).toEqual(curated.map((article) => `/news/${article.slug}`));
    await expectAllResolve(page, hrefs);
  });

  test('an unknown source is a 404', async ({ page }) => {
    expect((await page.goto('/source/nowhere.example'))?.status()).toBe(404);
    await expectNotFoundPage(page);
  });
});

test.describe('related stories', () => {
  /** Topic slugs and offering slugs of an article, for "shares something with". */
  const ties = (article: ContentArticle) =>
    new Set([
      ...article.topicSlugs.map((slug) => `topic:${slug}`),
      ...article.offerings.map((ref) => `offering:${ref.slug}`),
    ]);

  test('every public article lists up to four public stories that share a topic or an offering with it', async ({
    page,
  }) => {
    const bySlug = new Map(publicArticles().map((article) => [article.slug, article]));
    for (const article of publicArticles()) {
      await page.goto(`/news/${article.slug}`);
      const region = page.getByRole('region', { name: 'Related stories' });
      const hrefs = await hrefsIn(region.getByRole('list').getByRole('heading'));
      expect(hrefs.length, article.slug).toBeGreaterThan(0);
      expect(hrefs.length, article.slug).toBeLessThanOrEqual(4);
      for (const href of hrefs) {
        const related = bySlug.get(href.replace('/news/', ''));
        expect(related, `${article.slug} lists ${href}, a public story`).toBeDefined();
        expect(related!.slug).not.toBe(article.slug);
        const shared = [...ties(related!)].filter((tie) => ties(article).has(tie));
        expect(shared.length, `${article.slug} and ${href} share something`).toBeGreaterThan(0);
      }
    }
  });

  test('“More in” leads to the primary topic, and the newer and older stories follow its order', async ({
    page,
  }) => {
    const topic = example.topicSlugs[0]!;
    const inTopic = publicArticles().filter((article) => article.topicSlugs.includes(topic));
    const index = inTopic.findIndex((article) => article.slug === example.slug);
    await page.goto(EXAMPLE_ARTICLE.path);
    const nav = page.getByRole('navigation', { name: 'More in Social Care' });
    await expect(nav.getByRole('link', { name: /More in Social Care/ })).toHaveAttribute(
      'href',
      `/topic/${topic}`,
    );
    const newer = inTopic[index - 1];
    const older = inTopic[index + 1];
    expect(newer ?? older, 'the example has a neighbour in its topic').toBeDefined();
    for (const [label, neighbour] of [
      ['Newer', newer],
      ['Older', older],
    ] as const) {
      const link = nav.getByRole('link', { name: new RegExp(`^${label} in Social Care`) });
      if (neighbour) await expect(link).toHaveAttribute('href', `/news/${neighbour.slug}`);
      else await expect(link).toHaveCount(0);
    }
    await expectAllResolve(page, await hrefsIn(nav));
  });

  test('related cards are links in the server’s HTML', async ({ request }) => {
    const html = await (await request.get(EXAMPLE_ARTICLE.path)).text();
    const section = html.slice(html.indexOf('id="related-stories"'));
    expect(section.match(/href="\/news\/[^"]+"/g)?.length).toBeGreaterThan(0);
  });
});

test.describe('share links', () => {
  const canonical = `${SITE}${EXAMPLE_ARTICLE.path}`;

  test('carry the canonical URL and work without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(EXAMPLE_ARTICLE.path);
      await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', canonical);
      const share = page.getByRole('region', { name: 'Share' });
      const href = async (name: string) =>
        new URL((await share.getByRole('link', { name }).getAttribute('href'))!);

      const linkedIn = await href('Share on LinkedIn');
      expect(linkedIn.origin).toBe('https://www.linkedin.com');
      expect(linkedIn.searchParams.get('url')).toBe(canonical);
      const x = await href('Share on X');
      expect(x.origin).toBe('https://x.com');
      expect(x.searchParams.get('url')).toBe(canonical);
      expect(x.searchParams.get('text')).toBe(example.title);
      const email = await href('Email this story');
      expect(email.protocol).toBe('mailto:');
      expect(email.searchParams.get('body')).toBe(canonical);
      expect(email.searchParams.get('subject')).toBe(example.title);
      // Before any script, "Copy link" is the address itself, for the browser's own menu.
      await expect(share.getByRole('link', { name: 'Copy link' })).toHaveAttribute(
        'href',
        canonical,
      );
    } finally {
      await context.close();
    }
  });

  test('the copy button puts the canonical URL on the clipboard and says so', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(EXAMPLE_ARTICLE.path);
    const button = page.getByRole('region', { name: 'Share' }).getByRole('button', {
      name: 'Copy link',
    });
    await button.click();
    await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeAttached();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(canonical);
  });
});
