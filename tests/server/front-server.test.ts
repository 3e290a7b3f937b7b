/**
 * The front server over real HTTP, in front of a small upstream server of the test's own that
 * answers the way Next does (its Cache-Control, Vary and inline scripts). The same server in
 * front of the real Next is covered by the browser tests (e2e/cache.spec.ts).
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { LocalCoordinator } from '@/lib/server/coordinator';
import { FrontServer } from '@/lib/server/front-server';
import { systemClock } from '@/lib/server/publication-timer';
import { ResponseCache } from '@/lib/server/response-cache';
import { scriptHash } from '@/lib/server/script-policy';

const FLIGHT = 'self.__next_f.push([1,"0:[]\\n"])';
const NEXT_VARY = 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch';
const SECRET = 'stats-secret';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** What the upstream answers, by path; it counts and records every request it gets. */
let seen: Seen[] = [];
let version = 1;
let delayMs = 0;
let now = 1_000_000;
/** Pages under /flaky/ fail as a render does when the content database is down. */
let failing = false;
let ready = true;

const upstream = http.createServer((req, res) => {
  seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
  const path = (req.url ?? '').split('?')[0]!;
  const answer = () => {
    if (path === '/api/revalidate') {
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-portal-purge': JSON.stringify(['/page/a']),
        'x-portal-next-publication': String(now + 5_000),
      });
      return res.end('{}');
    }
    if (path === '/readyz') {
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(ready ? { ready } : { ready, reason: 'no database' }));
    }
    if (path.startsWith('/flaky/') && failing) {
      res.writeHead(500, { 'content-type': 'text/html', 'cache-control': 'private, no-store' });
      return res.end('<p>Internal Server Error</p>');
    }
    if (path === '/private') {
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'private, no-store' });
      return res.end(`<p>${req.headers.cookie ?? 'no cookie'}</p>`);
    }
    if (path === '/sets-cookie') {
      res.writeHead(200, {
        'cache-control': 's-maxage=60',
        'set-cookie': 'a=1',
        'content-type': 'text/plain',
      });
      return res.end('cookie');
    }
    if (path === '/missing') {
      res.writeHead(404, { 'content-type': 'text/html', 'cache-control': 's-maxage=60' });
      return res.end('<p>Not found</p>');
    }
    const rsc = req.headers.rsc === '1';
    res.writeHead(200, {
      'content-type': rsc ? 'text/x-component' : 'text/html; charset=utf-8',
      'cache-control': 's-maxage=60, stale-while-revalidate=600',
      vary: NEXT_VARY,
    });
    res.end(
      rsc
        ? `0:["rsc ${path} v${version}"]`
        : `<!DOCTYPE html><html><body><h1>${path} v${version} ${'x'.repeat(2000)}</h1>` +
            `<p>${req.headers.host}</p><script>${FLIGHT}</script><script>alert(1)</script></body></html>`,
    );
  };
  if (delayMs > 0) setTimeout(answer, delayMs);
  else answer();
});

const logs: string[] = [];
/** What the app said of the next publication, as the publication timer would hear it. */
let nextPublication: number | null | undefined;
let front: FrontServer;
let server: http.Server;
let base: string;

async function listen(target: http.Server): Promise<number> {
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  return (target.address() as AddressInfo).port;
}

beforeAll(async () => {
  const upstreamPort = await listen(upstream);
  const cache = new ResponseCache(4 * 1024 * 1024);
  front = new FrontServer({
    upstream: { host: '127.0.0.1', port: upstreamPort },
    host: 'portal.test',
    cache,
    coordinator: new LocalCoordinator(cache, (at) => (nextPublication = at)),
    adminToken: SECRET,
    clock: { ...systemClock, now: () => now },
    log: (line) => logs.push(line),
  });
  server = http.createServer(front.handle);
  base = `http://127.0.0.1:${await listen(server)}`;
});

afterAll(() => {
  front.close();
  server.close();
  upstream.close();
});

beforeEach(() => {
  front.cache.purge(['*']);
  seen = [];
  version = 1;
  delayMs = 0;
  failing = false;
  ready = true;
});

/** A raw request (fetch would add its own Accept-Encoding and decode the body). */
function request(
  path: string,
  { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function upstreamCalls(path: string): Seen[] {
  return seen.filter((call) => call.url.split('?')[0] === path);
}

describe('the front server', () => {
  it('answers a miss from upstream once, then from memory, with a public policy and an ETag', async () => {
    const miss = await request('/page/a');
    const hit = await request('/page/a');
    expect(miss.headers['x-cache']).toBe('MISS');
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.body.equals(miss.body)).toBe(true);
    expect(upstreamCalls('/page/a')).toHaveLength(1);
    expect(hit.headers['cache-control']).toBe(
      'public, max-age=0, s-maxage=60, stale-while-revalidate=600',
    );
    expect(hit.headers.etag).toMatch(/^"[\w-]{27}"$/);
    expect(hit.headers.vary).toBe(`${NEXT_VARY}, Accept-Encoding`);
    expect(hit.headers.age).toBe('0');
  });

  it('gives each script policy the hash of the framework script and not of the foreign one, and logs it', async () => {
    const { headers } = await request('/page/policy');
    const policy = headers['content-security-policy'] ?? '';
    expect(policy).toContain(`script-src 'self' ${scriptHash(FLIGHT)};`);
    expect(policy).not.toContain(scriptHash('alert(1)'));
    expect(policy).not.toMatch(/unsafe-inline'?[^;]*;\s*style|nonce/);
    expect(
      logs.some((line) => line.includes('/page/policy') && line.includes('<script>alert(1)')),
    ).toBe(true);
  });

  it('sends Brotli or gzip of the same bytes, as the request accepts', async () => {
    const identity = await request('/page/encoded');
    const br = await request('/page/encoded', { headers: { 'accept-encoding': 'gzip, br' } });
    const gzip = await request('/page/encoded', { headers: { 'accept-encoding': 'gzip' } });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.brotliDecompressSync(br.body).equals(identity.body)).toBe(true);
    expect(zlib.gunzipSync(gzip.body).equals(identity.body)).toBe(true);
    expect(br.body.length).toBeLessThan(identity.body.length / 4);
  });

  it('answers a conditional request with 304 and every security header, in any encoding', async () => {
    const first = await request('/page/conditional', { headers: { 'accept-encoding': 'br' } });
    const etag = first.headers.etag!;
    const again = await request('/page/conditional', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(again.headers['x-content-type-options']).toBe('nosniff');
    expect(again.headers['cache-control']).toContain('public');
    const changed = await request('/page/conditional', { headers: { 'if-none-match': '"other"' } });
    expect(changed.status).toBe(200);
  });

  it('asks upstream once for many readers waiting on the same miss', async () => {
    delayMs = 100;
    const answers = await Promise.all(Array.from({ length: 20 }, () => request('/page/busy')));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(upstreamCalls('/page/busy')).toHaveLength(1);
  });

  it('serves a stale page at once while it asks upstream again, then the new one', async () => {
    await request('/page/stale');
    version = 2;
    now += 61_000;
    const stale = await request('/page/stale');
    expect(stale.headers['x-cache']).toBe('STALE');
    expect(stale.body.toString()).toContain('v1');
    await expect.poll(() => upstreamCalls('/page/stale').length).toBe(2);
    await expect.poll(async () => (await request('/page/stale')).body.toString()).toContain('v2');
  });

  it('purges what a response from the app says changed, and nothing else', async () => {
    await request('/page/a');
    await request('/page/b');
    version = 2;
    const revalidated = await request('/api/revalidate', { method: 'POST' });
    expect(revalidated.headers['x-portal-purge']).toBeUndefined();
    expect(revalidated.headers['x-portal-next-publication']).toBeUndefined();
    expect((await request('/page/a')).body.toString()).toContain('v2');
    expect((await request('/page/b')).body.toString()).toContain('v1');
    expect(nextPublication).toBe(now + 5_000);
  });

  describe('cannot be made to serve one request’s answer to another', () => {
    it('keeps RSC and prefetch answers apart from the page', async () => {
      const rsc = await request('/page/r?_rsc=abc', { headers: { rsc: '1' } });
      const prefetch = await request('/page/r?_rsc=def', {
        headers: { rsc: '1', 'next-router-prefetch': '1' },
      });
      const plain = await request('/page/r');
      expect(rsc.headers['content-type']).toBe('text/x-component');
      expect(prefetch.headers['x-cache']).toBe('MISS');
      expect(plain.headers['content-type']).toMatch(/^text\/html/);
      expect(plain.headers['x-cache']).toBe('MISS');
    });

    it('never lets Host or forwarding headers reach a cacheable render', async () => {
      await request('/page/host', {
        headers: {
          host: 'evil.example',
          'x-forwarded-host': 'evil.example',
          'x-forwarded-proto': 'http',
        },
      });
      const [call] = upstreamCalls('/page/host');
      expect(call?.headers.host).toBe('portal.test');
      expect(call?.headers['x-forwarded-host']).toBeUndefined();
      expect((await request('/page/host')).body.toString()).not.toContain('evil.example');
    });

    it('answers HEAD from a full GET, and a later GET gets the whole page', async () => {
      const head = await request('/page/head', { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      expect(upstreamCalls('/page/head')[0]?.method).toBe('GET');
      const get = await request('/page/head');
      expect(get.headers['x-cache']).toBe('HIT');
      expect(get.body.toString()).toContain('/page/head v1');
    });

    it('never stores a preview, and marks it private and unindexed', async () => {
      const preview = await request('/page/preview', {
        headers: { cookie: '__prerender_bypass=editor' },
      });
      expect(preview.headers['cache-control']).toBe('private, no-store');
      expect(preview.headers['x-robots-tag']).toBe('noindex, nofollow');
      expect(preview.headers['x-cache']).toBe('BYPASS');
      expect(upstreamCalls('/page/preview')[0]?.headers.cookie).toBe('__prerender_bypass=editor');
      expect((await request('/page/preview')).headers['x-cache']).toBe('MISS');
    });

    it('makes no entry for unknown query strings: 10,000 of them leave one', async () => {
      for (let i = 0; i < 10_000; i += 100) {
        await Promise.all(
          Array.from({ length: 100 }, (_, j) => request(`/page/q?r=${i + j}&${Math.random()}`)),
        );
      }
      expect(front.cache.stats().entries).toBe(1);
      expect(upstreamCalls('/page/q')).toHaveLength(1);
    });

    it('keeps no response that sets a cookie, is private or is not a 200', async () => {
      for (const path of ['/sets-cookie', '/private', '/missing']) {
        await request(path);
        await request(path);
        expect(upstreamCalls(path), path).toHaveLength(2);
      }
    });
  });

  it('refuses a malformed path with 400 and its security headers', async () => {
    const answer = await request('/news/%E0%A4%A');
    expect(answer.status).toBe(400);
    expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
    expect(answer.headers['strict-transport-security']).toBeDefined();
    expect(seen).toHaveLength(0);
  });

  it('shows its figures, and empties the cache, only with the secret', async () => {
    await request('/page/admin');
    expect((await request('/api/cache')).status).toBe(401);
    expect((await request('/api/cache', { method: 'DELETE' })).status).toBe(401);
    const auth = { authorization: `Bearer ${SECRET}` };
    const stats = await request('/api/cache', { headers: auth });
    expect(JSON.parse(stats.body.toString())).toMatchObject({
      entries: 1,
      maxBytes: 4 * 1024 * 1024,
      workers: 1,
    });
    const emptied = await request('/api/cache', { method: 'DELETE', headers: auth });
    expect(JSON.parse(emptied.body.toString())).toMatchObject({ entries: 0 });
    expect((await request('/page/admin')).headers['x-cache']).toBe('MISS');
  });

  it('serves an old copy when upstream is down, and a 502 when it has none', async () => {
    await request('/page/down');
    now += 3_600_000;
    const port = (upstream.address() as AddressInfo).port;
    upstream.close();
    upstream.closeAllConnections();
    try {
      const old = await request('/page/down');
      expect(old.status).toBe(200);
      expect(old.body.toString()).toContain('/page/down v1');
      const none = await request('/page/never-seen');
      expect(none.status).toBe(502);
      expect(none.headers['x-frame-options']).toBe('DENY');
    } finally {
      await new Promise<void>((resolve) => upstream.listen(port, '127.0.0.1', resolve));
    }
  });

  it('answers /healthz itself, and /readyz from the app within a short timeout', async () => {
    const live = await request('/healthz');
    expect(live.status).toBe(200);
    expect(live.headers['cache-control']).toBe('no-store');
    expect(upstreamCalls('/healthz')).toEqual([]);

    const ok = await request('/readyz');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body.toString())).toEqual({ ready: true });
    ready = false;
    const down = await request('/readyz');
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body.toString())).toEqual({ ready: false, reason: 'no database' });

    ready = true;
    delayMs = 3_000;
    const started = performance.now();
    const slow = await request('/readyz');
    expect(slow.status).toBe(503);
    expect(JSON.parse(slow.body.toString())).toMatchObject({ ready: false });
    expect(performance.now() - started).toBeLessThan(2_900);
  });

  it('answers a page that fails to render with a 503 busy page, or its old copy', async () => {
    expect((await request('/flaky/kept')).status).toBe(200);
    failing = true;
    now += 3_600_000;
    const old = await request('/flaky/kept');
    expect(old.status).toBe(200);
    expect(old.body.toString()).toContain('/flaky/kept v1');

    const busy = await request('/flaky/never-seen');
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('10');
    expect(busy.headers['cache-control']).toBe('no-store');
    expect(busy.headers['content-type']).toMatch(/^text\/html/);
    expect(busy.body.toString()).toContain('The site is busy');
    // Not kept: the page comes back as soon as it renders.
    failing = false;
    expect((await request('/flaky/never-seen')).status).toBe(200);
  });
});
