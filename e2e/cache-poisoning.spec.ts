/**
 * No request can change what the next reader of the same URL gets from the response cache.
 * Each case empties the cache first, so the hostile request is the one that would fill it:
 * this file runs after the other browser tests, alone (playwright.config.ts).
 */
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';

import { topics } from './support/content';
import { EXAMPLE_ARTICLE } from './support/site';

const REVALIDATE = { authorization: 'Bearer e2e-revalidate-secret' };
const PREVIEW_SECRET = 'e2e-preview-secret';

const topic = topics()[0]!;

async function stats(request: APIRequestContext) {
  const response = await request.get('/api/cache', { headers: REVALIDATE });
  expect(response.status()).toBe(200);
  return (await response.json()) as { entries: number; bytes: number; maxBytes: number };
}

async function purgeResponseCache(request: APIRequestContext) {
  expect((await request.delete('/api/cache', { headers: REVALIDATE })).status()).toBe(200);
}

test.describe.configure({ mode: 'serial' });

const path = `/topic/${topic.slug}`;

/** What a plain reader's request for `path` gets right after the hostile one. */
async function plainAfter(request: APIRequestContext, hostile: () => Promise<APIResponse>) {
  await purgeResponseCache(request);
  await hostile();
  const response = await request.get(path);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^text\/html/);
  const html = await response.text();
  expect(html).toContain(`<link rel="canonical" href="http://localhost:3000${path}"/>`);
  expect(html).not.toContain('evil.example');
  expect(html).not.toContain('Preview:');
  expect(response.headers()['cache-control']).toMatch(/^public/);
  return html;
}

test('no request changes what a plain request for the same URL gets next', async ({ request }) => {
  const baseline = await plainAfter(request, async () => request.get(path));
  const hostile: [string, () => Promise<APIResponse>][] = [
    ['an RSC request', () => request.get(`${path}?_rsc=x`, { headers: { rsc: '1' } })],
    ['a prefetch', () => request.get(path, { headers: { rsc: '1', 'next-router-prefetch': '1' } })],
    [
      'a router state',
      () => request.get(path, { headers: { 'next-router-state-tree': '%5B%22%22%2C%7B%7D%5D' } }),
    ],
    ['an unknown query string', () => request.get(`${path}?utm_source=evil.example&q=1`)],
    ['an odd Host', () => request.get(path, { headers: { host: 'evil.example' } })],
    [
      'forwarding headers',
      () =>
        request.get(path, {
          headers: {
            'x-forwarded-host': 'evil.example',
            'x-forwarded-proto': 'http',
            forwarded: 'host=evil.example',
          },
        }),
    ],
    ['a HEAD request', () => request.head(path)],
    [
      'a preview cookie',
      async () => {
        await request.get(`/api/draft?secret=${PREVIEW_SECRET}&slug=${topic.slug}`);
        const preview = await request.get(path);
        expect(preview.headers()['cache-control']).toBe('private, no-store');
        await request.get('/api/draft/disable');
        return preview;
      },
    ],
  ];
  for (const [name, send] of hostile) {
    await test.step(name, async () => {
      expect(await plainAfter(request, send)).toBe(baseline);
    });
  }
});

test('unknown query strings make no entries: 10,000 of them stay within the bound', async ({
  request,
  baseURL,
}) => {
  const before = await stats(request);
  for (let i = 0; i < 10_000; i += 100) {
    await Promise.all(
      Array.from({ length: 100 }, async (_, j) => {
        const response = await fetch(
          `${baseURL}${EXAMPLE_ARTICLE.path}?q=${i + j}-${Math.random()}`,
        );
        await response.arrayBuffer();
      }),
    );
  }
  const after = await stats(request);
  expect(after.entries - before.entries).toBeLessThanOrEqual(1);
  expect(after.bytes).toBeLessThanOrEqual(after.maxBytes);
});
