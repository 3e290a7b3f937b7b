/**
 * The response cache in front of Next (lib/server/front-server.ts): what comes from it and what
 * never does. Cache poisoning has its own file, which runs alone (cache-poisoning.spec.ts).
 */
import { expect, test } from '@playwright/test';

import { articles, isPublic, offerings, topics } from './support/content';
import { EXAMPLE_ARTICLE } from './support/site';

const article = articles().find((item) => isPublic(item) && item.file !== EXAMPLE_ARTICLE.file)!;
const topic = topics()[0]!;
const offering = offerings()[0]!;

/** Every kind of public page and file. */
const CACHED = [
  '/',
  '/news',
  '/news/page/2',
  `/news/${article.slug}`,
  `/topic/${topic.slug}`,
  `/offering/${offering.slug}`,
  '/topics',
  '/offerings',
  '/authors',
  '/author/devon-okafor',
  '/source/healthcareitnews.com',
  '/feed.xml',
  `/topic/${topic.slug}/feed.xml`,
  '/sitemap.xml',
  '/news-sitemap.xml',
  '/robots.txt',
  `/og/news/${article.slug}`,
  `/media/news/${EXAMPLE_ARTICLE.imageFile}`,
  '/media/authors/devon-okafor.jpeg',
  '/og/author/athira-ravi',
  '/theme.js',
];

test('every public page and file is answered from the cache, with a CDN policy and an ETag', async ({
  request,
}) => {
  for (const path of CACHED) {
    await request.get(path);
    const response = await request.get(path);
    const headers = response.headers();
    expect(response.status(), path).toBe(200);
    expect(headers['x-cache'], path).toMatch(/^(HIT|STALE)$/);
    expect(headers['cache-control'], path).toMatch(/^public, max-age=\d+/);
    expect(headers['etag'], path).toMatch(/^"[\w-]+"$/);
    const conditional = await request.get(path, { headers: { 'if-none-match': headers['etag']! } });
    expect(conditional.status(), path).toBe(304);
    expect(conditional.headers()['content-security-policy'], path).toContain(
      "frame-ancestors 'none'",
    );
  }
  for (const path of ['/', `/news/${article.slug}`, '/feed.xml']) {
    expect((await request.get(path)).headers()['cache-control'], path).toMatch(
      /s-maxage=60, stale-while-revalidate=\d+/,
    );
  }
});

test('search, the editors’ page and the API are rendered for each request', async ({ request }) => {
  for (const path of ['/search?q=telehealth', '/api/search?q=telehealth', '/editor']) {
    await request.get(path);
    expect((await request.get(path)).headers()['x-cache'], path).toBe('BYPASS');
  }
});
