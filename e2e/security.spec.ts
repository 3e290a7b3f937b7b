/**
 * Hostile requests: every response carries the security headers, and bad paths, methods and
 * parameters get a 4xx, never a 5xx or something they should not.
 */
import { createHash } from 'node:crypto';

import { expect, test } from '@playwright/test';

import { EXAMPLE_ARTICLE, THEME_SCRIPT } from './support/site';

const PATHS = [
  '/',
  EXAMPLE_ARTICLE.path,
  '/topic/medigy-social-care',
  '/offering/luscii-platform',
  '/feed.xml',
  '/api/search?q=nhs',
  `/media/news/${EXAMPLE_ARTICLE.imageFile}`,
  '/no/such/page',
];

test('every kind of response carries the security headers', async ({ request }) => {
  for (const path of PATHS) {
    for (const attempt of ['first', 'cached']) {
      const response = await request.get(path);
      const headers = response.headers();
      const csp = headers['content-security-policy'] ?? '';
      const where = `${path} (${attempt})`;
      expect(csp, where).toContain("frame-ancestors 'none'");
      if (headers['content-type']?.startsWith('text/html')) {
        expect(csp, where).toContain("object-src 'none'");
        expect(csp, where).toContain("base-uri 'self'");
        // Inline script runs only when its hash is listed: never 'unsafe-inline', never a host.
        expect(csp, where).toMatch(
          /script-src 'self'( 'nonce-[A-Za-z0-9+/=]{22,}')?( 'sha256-[A-Za-z0-9+/=]{44}')*;/,
        );
        expect(csp, where).not.toMatch(
          /script-src[^;]*('unsafe-inline'|'unsafe-eval'|'strict-dynamic'|https?:|\*)/,
        );
      } else {
        expect(csp, where).toMatch(/default-src 'none'/);
      }
      expect(headers['strict-transport-security'], where).toMatch(/max-age=\d{7,}/);
      expect(headers['x-content-type-options'], where).toBe('nosniff');
      expect(headers['referrer-policy'], where).toBe('strict-origin-when-cross-origin');
      expect(headers['permissions-policy'], where).toContain('camera=()');
      expect(headers['x-powered-by'], where).toBeUndefined();
    }
  }
});

test('a cached page lists the hash of each inline script the framework wrote, and no nonce', async ({
  request,
}) => {
  const response = await request.get(EXAMPLE_ARTICLE.path);
  const policy = response.headers()['content-security-policy'] ?? '';
  expect(policy).not.toContain('nonce-');
  const listed = new Set(policy.match(/'sha256-[^']+'/g));
  const html = await response.text();
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)].filter(
    ([, attributes]) => !attributes!.includes('application/ld+json'),
  );
  expect(inline.length).toBeGreaterThanOrEqual(3);
  for (const [, , text] of inline) {
    const hash = `'sha256-${createHash('sha256').update(text!).digest('base64')}'`;
    expect(listed.has(hash), text!.slice(0, 60)).toBe(true);
  }
  expect(listed.size).toBe(new Set(inline.map(([, , text]) => text)).size);
  // The same bytes and the same policy for every reader: the page comes from the cache.
  const again = await request.get(EXAMPLE_ARTICLE.path);
  expect(again.headers()['content-security-policy']).toBe(policy);
  expect(again.headers()['x-cache']).toMatch(/HIT|STALE/);
});

test('a page rendered per request gets a new nonce each time, on every script it renders', async ({
  request,
}) => {
  const nonces = new Set<string>();
  for (let attempt = 0; attempt < 3; attempt++) {
    const response = await request.get('/search?q=telehealth');
    const nonce = /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'] ?? '')?.[1];
    expect(nonce).toBeTruthy();
    nonces.add(nonce!);
    const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(3);
    for (const tag of scripts) {
      if (!tag.includes('application/ld+json') && !tag.includes(THEME_SCRIPT)) {
        expect(tag).toContain(`nonce="${nonce}"`);
      }
    }
  }
  expect(nonces.size).toBe(3);
});

test("the framework's own files get a policy that runs nothing in them", async ({ request }) => {
  const html = await (await request.get('/')).text();
  const script = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(script).toBeTruthy();
  const headers = (await request.get(script!)).headers();
  expect(headers['content-security-policy']).toContain("default-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
});

test('the page cannot be framed by another site', async ({ page }) => {
  const url = new URL(EXAMPLE_ARTICLE.path, test.info().project.use.baseURL).toString();
  await page.setContent(`<iframe src="${url}"></iframe>`);
  await page.waitForTimeout(0);
  const frame = page.frames()[1];
  // Chromium replaces a refused frame with its own error page; the article never loads in it.
  await expect
    .poll(async () => frame?.evaluate(() => location.href).catch(() => 'refused'))
    .not.toBe(url);
  await expect
    .poll(async () =>
      frame
        ?.locator('article h1')
        .count()
        .catch(() => 0),
    )
    .toBe(0);
});

test('paths that climb out of folders or name files the site does not serve are 404', async ({
  request,
}) => {
  for (const path of [
    '/media/news/..%2F..%2Fpackage.json',
    '/media/..%2F.env',
    '/media/news/b2d831a8-2014-5ece-b56a-f84557dfedc1.mdx',
    '/media/news/%00.jpg',
    '/news/..%2F..%2Fetc%2Fpasswd',
    '/.env',
    '/.git/config',
    '/package.json',
    '/next.config.js',
  ]) {
    const status = (await request.get(path)).status();
    expect(status, path).toBeGreaterThanOrEqual(400);
    expect(status, path).toBeLessThan(500);
  }
});

test('the image optimizer serves only the site’s own raster images', async ({ request }) => {
  const ok = await request.get(
    `/_next/image?url=${encodeURIComponent(`/media/news/${EXAMPLE_ARTICLE.imageFile}`)}&w=640&q=70`,
  );
  expect(ok.status()).toBe(200);
  for (const url of [
    'https://evil.example/x.png',
    '//evil.example/x.png',
    '/media/news/../../package.json',
    '/icon.svg',
    '/media/news/missing.jpg?v=1',
  ]) {
    const response = await request.get(`/_next/image?url=${encodeURIComponent(url)}&w=640&q=70`);
    expect(response.status(), url).toBeGreaterThanOrEqual(400);
    expect(response.status(), url).toBeLessThan(500);
  }
  for (const query of ['w=99999&q=70', 'w=640&q=101', 'w=abc&q=70']) {
    const response = await request.get(
      `/_next/image?url=${encodeURIComponent(`/media/news/${EXAMPLE_ARTICLE.imageFile}`)}&${query}`,
    );
    expect(response.status(), query).toBe(400);
  }
});

test('methods a route does not take get a 4xx', async ({ request }) => {
  for (const [method, path] of [
    ['POST', '/api/search?q=nhs'],
    ['DELETE', '/api/search?q=nhs'],
    ['PUT', '/feed.xml'],
    ['POST', `/media/news/${EXAMPLE_ARTICLE.imageFile}`],
    ['GET', '/api/revalidate'],
  ] as const) {
    const status = (await request.fetch(path, { method })).status();
    expect(status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
    expect(status, `${method} ${path}`).toBeLessThan(500);
  }
});

test('an x-middleware-subrequest header bypasses nothing', async ({ request }) => {
  const headers = {
    'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy:middleware:middleware:middleware',
  };
  expect((await request.get('/editor', { headers })).status()).toBe(404);
  expect((await request.get('/api/draft?slug=x', { headers, maxRedirects: 0 })).status()).toBe(401);
  expect((await request.post('/api/revalidate', { headers })).status()).toBe(401);
  const page = await request.get(EXAMPLE_ARTICLE.path, { headers });
  expect(page.status()).toBe(200);
  expect(page.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
});

test('bad paths and page parameters get a 4xx, not a 500', async ({ request }) => {
  for (const path of [
    '/news/%FF',
    '/%FF',
    '/topic/%FF',
    '/media/%FF',
    '/news/page/0',
    '/news/page/-1',
    '/news/page/1e9',
    '/news/page/%FF',
    '/topic/%00/page/2',
    '/offering/%E0%A4%A',
    '/og/news/%FF',
    '/sitemaps/0.xml',
    '/sitemaps/abc',
  ]) {
    const status = (await request.get(path, { maxRedirects: 0 })).status();
    expect(status, path).toBeGreaterThanOrEqual(400);
    expect(status, path).toBeLessThan(500);
  }
});
