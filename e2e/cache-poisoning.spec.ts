/**
 * No request can change what the next reader of the same URL gets from the response cache.
 * Each case empties the cache first, so the hostile request is the one that would fill it:
 * this file runs after the other browser tests, alone (playwright.config.ts).
 */
import http from 'node:http';

import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';

import { topics } from './support/content';
import { EXAMPLE_ARTICLE } from './support/site';

const REVALIDATE = { authorization: 'Bearer e2e-revalidate-secret' };
const PREVIEW_SECRET = 'e2e-preview-secret';

const topic = topics()[0]!;

async function stats(request: APIRequestContext) {
  const response = await request.get('/api/cache', { headers: REVALIDATE });
  expect(response.status()).toBe(200);
  return (await response.json()) as {
    entries: number;
    bytes: number;
    maxBytes: number;
    workers: number;
  };
}

async function purgeResponseCache(request: APIRequestContext) {
  expect((await request.delete('/api/cache', { headers: REVALIDATE })).status()).toBe(200);
}

test.describe.configure({ mode: 'serial' });

const path = `/topic/${topic.slug}`;

/** A GET on a connection of its own: the server's workers take new connections in turn. */
function freshGet(
  url: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      })
      .on('error', reject);
  });
}

/**
 * What plain readers' requests for `path` get right after the hostile one: asked on new
 * connections, several times, so that every worker of the server answers one.
 */
async function plainAfter(
  request: APIRequestContext,
  baseURL: string,
  hostile: () => Promise<APIResponse>,
): Promise<string> {
  await purgeResponseCache(request);
  await hostile();
  const { workers } = await stats(request);
  const bodies = new Set<string>();
  for (let attempt = 0; attempt < 2 * workers; attempt++) {
    const response = await freshGet(`${baseURL}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain(`<link rel="canonical" href="http://localhost:3000${path}"/>`);
    expect(response.body).not.toContain('evil.example');
    expect(response.body).not.toContain('Preview:');
    expect(response.headers['cache-control']).toMatch(/^public/);
    bodies.add(response.body);
  }
  expect(bodies.size).toBe(1);
  return [...bodies][0]!;
}

test('no request changes what a plain request for the same URL gets next', async ({
  request,
  baseURL,
}) => {
  const baseline = await plainAfter(request, baseURL!, async () => request.get(path));
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
      expect(await plainAfter(request, baseURL!, send)).toBe(baseline);
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
  // One entry at most in each worker's cache: the page itself.
  expect(after.entries - before.entries).toBeLessThanOrEqual(after.workers);
  expect(after.bytes).toBeLessThanOrEqual(after.maxBytes);
});
