/**
 * What crawlers get: the server's HTML and XML, read without running any JavaScript.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { articles, authorProfiles, isPublic, publicArticles, topics } from './support/content';
import { EXAMPLE_ARTICLE } from './support/site';

const SITE = 'http://localhost:3000';
const xml = new XMLParser({ ignoreAttributes: false });
const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

async function fetchXml(request: APIRequestContext, path: string) {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  const body = await response.text();
  expect(XMLValidator.validate(body), `${path} is well-formed XML`).toBe(true);
  return { response, parsed: xml.parse(body) };
}

async function head(request: APIRequestContext, path: string) {
  const html = await (await request.get(path)).text();
  const meta = (key: string) =>
    [...html.matchAll(/<meta (?:name|property)="([^"]+)" content="([^"]*)"\s*\/?>/g)]
      .filter((match) => match[1] === key)
      .map((match) => match[2]);
  const link = (rel: string) =>
    [...html.matchAll(new RegExp(`<link rel="${rel}"[^>]*href="([^"]+)"`, 'g'))].map((m) => m[1]);
  const jsonLd = [
    ...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g),
  ].map((match) => JSON.parse(match[1]!));
  return { html, meta, link, jsonLd };
}

const hidden = articles().filter((article) => !isPublic(article));

test('robots.txt allows crawling and names both sitemaps', async ({ request }) => {
  const body = await (await request.get('/robots.txt')).text();
  expect(body).toContain('Allow: /');
  expect(body).toContain(`Sitemap: ${SITE}/sitemap.xml`);
  expect(body).toContain(`Sitemap: ${SITE}/news-sitemap.xml`);
});

test('the sitemap lists every public page with lastmod, and nothing hidden', async ({
  request,
}) => {
  const { parsed } = await fetchXml(request, '/sitemap.xml');
  const urls = asList<{ loc: string; lastmod?: string }>(parsed.urlset.url);
  const locs = urls.map((url) => url.loc);
  for (const article of publicArticles()) {
    const entry = urls.find((url) => url.loc === `${SITE}/news/${article.slug}`);
    expect(entry, article.slug).toBeDefined();
    expect(Date.parse(entry!.lastmod!)).toBe(article.modifiedAt.getTime());
  }
  for (const article of hidden) expect(locs).not.toContain(`${SITE}/news/${article.slug}`);
  for (const topic of topics()) expect(locs).toContain(`${SITE}/topic/${topic.slug}`);
  for (const author of authorProfiles()) expect(locs).toContain(`${SITE}/author/${author.slug}`);
  for (const brand of new Set(publicArticles().map((article) => article.brand))) {
    expect(locs).toContain(`${SITE}/source/${brand}`);
  }
  expect(locs).toEqual(
    expect.arrayContaining([
      `${SITE}/`,
      `${SITE}/news`,
      `${SITE}/topics`,
      `${SITE}/offerings`,
      `${SITE}/authors`,
      `${SITE}/author/athira-ravi`,
    ]),
  );
  expect(new Set(locs).size).toBe(locs.length);
});

test('the Google News sitemap is valid and holds only recent public articles', async ({
  request,
}) => {
  const { parsed } = await fetchXml(request, '/news-sitemap.xml');
  expect(parsed.urlset['@_xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
  const recent = publicArticles().filter(
    (article) => Date.now() - article.publishedAt.getTime() <= 2 * 86_400_000,
  );
  expect(asList(parsed.urlset.url)).toHaveLength(recent.length);
});

test('the site feed is RSS 2.0 with the latest public articles and stable GUIDs', async ({
  request,
}) => {
  const { response, parsed } = await fetchXml(request, '/feed.xml');
  expect(response.headers()['content-type']).toContain('application/rss+xml');
  expect(parsed.rss['@_version']).toBe('2.0');
  const items = asList<{ title: string; link: string; guid: { '#text': string } }>(
    parsed.rss.channel.item,
  );
  const expected = publicArticles().sort(
    (a, b) => b.publishedAt.getTime() - a.publishedAt.getTime(),
  );
  expect(items.map((item) => item.link)).toEqual(
    expected.map((article) => `${SITE}/news/${article.slug}`),
  );
  for (const item of items) expect(item.guid['#text']).toBe(item.link);
  const again = xml.parse(await (await request.get('/feed.xml')).text());
  expect(asList<{ guid: unknown }>(again.rss.channel.item).map((item) => item.guid)).toEqual(
    items.map((item) => item.guid),
  );
  for (const article of hidden) expect(JSON.stringify(parsed)).not.toContain(article.slug);
});

test('each topic has its own feed, and an unknown topic has none', async ({ request }) => {
  const { parsed } = await fetchXml(request, '/topic/medigy-social-care/feed.xml');
  const links = asList<{ link: string }>(parsed.rss.channel.item).map((item) => item.link);
  const expected = publicArticles().filter((article) =>
    article.topicSlugs.includes('medigy-social-care'),
  );
  expect(links.sort()).toEqual(expected.map((article) => `${SITE}/news/${article.slug}`).sort());
  expect((await request.get('/topic/not-a-topic/feed.xml')).status()).toBe(404);
});

test('the article head carries canonical, Open Graph, Twitter and robots metadata', async ({
  request,
}) => {
  const { meta, link } = await head(request, EXAMPLE_ARTICLE.path);
  expect(link('canonical')).toEqual([`${SITE}${EXAMPLE_ARTICLE.path}`]);
  expect(meta('og:type')).toEqual(['article']);
  expect(meta('og:url')).toEqual([`${SITE}${EXAMPLE_ARTICLE.path}`]);
  // openGraphMetaData.ogtitle overrides the headline in Open Graph, and only there.
  expect(meta('og:title')).toEqual([
    'UK: Experts welcome England&#x27;s $2.3B plan for digital health and social care',
  ]);
  expect(meta('article:published_time')).toEqual(['2022-07-14T00:00:00.000Z']);
  expect(meta('article:modified_time')).toEqual(['2022-07-14T10:23:44.493Z']);
  expect(meta('article:section')).toEqual(['Social Care']);
  expect(meta('article:tag')).toEqual(['Social Care', 'Digital Health', 'News']);
  expect(meta('og:image')).toEqual([`${SITE}/media/news/${EXAMPLE_ARTICLE.imageFile}`]);
  expect(meta('og:image:width')).toEqual(['1200']);
  expect(meta('og:image:height')).toEqual(['630']);
  expect(meta('og:image:alt')).toHaveLength(1);
  expect(meta('twitter:card')).toEqual(['summary_large_image']);
  expect(meta('robots')).toEqual(['index, follow, max-image-preview:large']);
  expect(link('alternate')).toContain(`${SITE}/feed.xml`);
});

test('topic, offering and listing pages have canonical URLs and share images that exist', async ({
  request,
}) => {
  for (const [path, canonical] of [
    ['/', '/'],
    ['/news', '/news'],
    ['/topic/medigy-social-care', '/topic/medigy-social-care'],
    ['/offering/luscii-platform', '/offering/luscii-platform'],
    ['/offering/carebridge-companion', '/offering/carebridge-companion'],
  ] as const) {
    const { meta, link } = await head(request, path);
    // Next writes the home page's canonical URL as the bare origin.
    expect(link('canonical'), path).toEqual([canonical === '/' ? SITE : `${SITE}${canonical}`]);
    const [image] = meta('og:image');
    expect(image, path).toBeTruthy();
    const imageResponse = await request.get(image!.replace(SITE, ''));
    expect(imageResponse.status(), image).toBe(200);
    expect(imageResponse.headers()['content-type'], image).toMatch(/^image\/(png|jpeg)/);
  }
  const { link } = await head(request, '/topic/medigy-social-care');
  expect(link('alternate')).toContain(`${SITE}/topic/medigy-social-care/feed.xml`);
});

test('JSON-LD blocks parse and use schema.org types', async ({ request }) => {
  const home = await head(request, '/');
  const website = home.jsonLd.find((block) => block['@type'] === 'WebSite');
  expect(website?.potentialAction).toMatchObject({
    '@type': 'SearchAction',
    'query-input': 'required name=search_term_string',
  });

  const article = await head(request, EXAMPLE_ARTICLE.path);
  const news = article.jsonLd.find((block) => block['@type'] === 'NewsArticle');
  expect(news).toMatchObject({
    '@context': 'https://schema.org',
    datePublished: '2022-07-14T00:00:00.000Z',
    dateModified: '2022-07-14T10:23:44.493Z',
    author: [{ '@type': 'Person', name: 'Athira Ravi', url: `${SITE}/author/athira-ravi` }],
    publisher: { '@type': 'Organization', logo: { '@type': 'ImageObject' } },
    mainEntityOfPage: { '@type': 'WebPage', '@id': `${SITE}${EXAMPLE_ARTICLE.path}` },
    isBasedOn: { url: expect.stringMatching(/^https:\/\/www\.healthcareitnews\.com\//) },
  });
  expect(news?.datePublished).toMatch(/(Z|[+-]\d\d:\d\d)$/);
  const crumbs = article.jsonLd.find((block) => block['@type'] === 'BreadcrumbList');
  expect(crumbs?.itemListElement.map((item: { position: number }) => item.position)).toEqual([
    1, 2, 3,
  ]);

  const topic = await head(request, '/topic/medigy-social-care');
  const collection = topic.jsonLd.find((block) => block['@type'] === 'CollectionPage');
  expect(collection?.mainEntity['@type']).toBe('ItemList');
  for (const item of collection?.mainEntity.itemListElement ?? []) {
    expect(hidden.map((hiddenArticle) => `${SITE}/news/${hiddenArticle.slug}`)).not.toContain(
      item.url,
    );
  }

  const offering = await head(request, '/offering/luscii-platform');
  expect(offering.jsonLd.find((block) => block['@type'] === 'Product')).toMatchObject({
    name: 'Luscii Platform',
  });
});

test('aliases answer a permanent redirect to the canonical URL', async ({ request }) => {
  const aliased = publicArticles().filter((article) => article.data.aliases);
  expect(aliased.length).toBeGreaterThan(0);
  for (const article of aliased) {
    for (const alias of asList(article.data.aliases as string | string[])) {
      const response = await request.get(alias, { maxRedirects: 0 });
      expect(response.status(), alias).toBe(308);
      expect(new URL(response.headers().location!, 'http://x').pathname, alias).toBe(
        `/news/${article.slug}`,
      );
    }
  }
});

test('unknown paths answer 404, never a redirect', async ({ request }) => {
  for (const path of [
    '/no/such/page',
    '/news/no-such-story',
    '/news/a/b/c',
    '/topic/nope',
    '/offering/nope',
    '/og/news/nope',
  ]) {
    expect((await request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
  }
  for (const article of hidden) {
    expect(
      (await request.get(`/news/${article.slug}`, { maxRedirects: 0 })).status(),
      article.slug,
    ).toBe(404);
    expect((await request.get(`/og/news/${article.slug}`)).status()).toBe(404);
  }
});
