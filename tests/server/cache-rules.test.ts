import { describe, expect, it } from 'vitest';

import { cacheRoute, varyIsKeyed } from '@/lib/server/cache-rules';

const HOST = '127.0.0.1:3000';
const plain = cacheRoute('GET', '/news/story', {}, HOST);

function route(method: string, target: string, headers: Record<string, string> = {}) {
  return cacheRoute(method, target, headers, HOST);
}

describe('cacheRoute', () => {
  it('keys a plain page request by its path, and asks Next for it with fixed headers only', () => {
    expect(plain).toEqual({
      kind: 'cache',
      key: '/news/story',
      path: '/news/story',
      upstreamPath: '/news/story',
      upstreamHeaders: { host: HOST, 'accept-encoding': 'identity' },
    });
  });

  it('gives unknown query strings, odd hosts, forwarding headers and cookies the plain entry', () => {
    for (const request of [
      route('GET', '/news/story?utm_source=x&_rsc=1'),
      route('GET', '/news/story?', { host: 'evil.example' }),
      route('GET', '/news/story', {
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'http',
        forwarded: 'host=evil.example',
        cookie: 'theme=dark',
      }),
      route('HEAD', '/news/story'),
    ]) {
      expect(request).toEqual(plain);
    }
  });

  it('keys each router request apart from the page, keeping only its _rsc parameter', () => {
    const rsc = route('GET', '/news/story?_rsc=abc&utm=1', { rsc: '1' });
    const prefetch = route('GET', '/news/story?_rsc=def', {
      rsc: '1',
      'next-router-prefetch': '1',
    });
    const tree = route('GET', '/news/story?_rsc=ghi', {
      rsc: '1',
      'next-router-state-tree': '%5B%5D',
    });
    const keys = [plain, rsc, prefetch, tree].map((entry) =>
      entry.kind === 'cache' ? entry.key : null,
    );
    expect(new Set(keys).size).toBe(4);
    expect(rsc).toMatchObject({
      upstreamPath: '/news/story?_rsc=abc',
      upstreamHeaders: { rsc: '1', host: HOST },
    });
    // A router header without `rsc` is still its own variant, never the page.
    expect(route('GET', '/news/story', { 'next-router-prefetch': '1' })).not.toMatchObject({
      key: '/news/story',
    });
  });

  it.each([
    ['a preview', 'GET', '/news/story', { cookie: 'a=1; __prerender_bypass=token' }],
    ['a request with credentials', 'GET', '/news/story', { authorization: 'Bearer x' }],
    ['a POST', 'POST', '/news/story', {}],
    ['the API', 'GET', '/api/search?q=x', {}],
    ['search', 'GET', '/search?q=x', {}],
    ['the editors’ page', 'GET', '/editor', {}],
    ['the image optimizer', 'GET', '/_next/image?url=%2Fmedia%2Fa.jpg&w=640&q=70', {}],
  ])('passes %s through, never cached', (_, method, target, headers) => {
    expect(route(method, target, headers)).toEqual({ kind: 'pass' });
  });
});

describe('varyIsKeyed', () => {
  it('allows what the key holds and nothing else', () => {
    expect(varyIsKeyed(undefined)).toBe(true);
    expect(
      varyIsKeyed(
        'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding',
      ),
    ).toBe(true);
    expect(varyIsKeyed('Cookie')).toBe(false);
    expect(varyIsKeyed('rsc, Accept')).toBe(false);
  });
});
