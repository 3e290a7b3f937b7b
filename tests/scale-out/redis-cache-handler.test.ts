/**
 * The Redis cache handler against real Redis servers: scripts/services.sh's (TEST_REDIS_URL),
 * and one of the test's own that it stops and starts again. Two handlers with build folders of
 * their own stand for two servers: what one finds that the other stored came through Redis.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import RedisCacheHandler, { closeSharedCaches } from '@/lib/cache/redis-cache-handler';
import { freePort, startRedis, type RunningRedis } from '@/scripts/scale-out/cluster';
import type { CacheHandlerContext } from 'next/dist/server/lib/incremental-cache';

const require = createRequire(import.meta.url);
const { nodeFs } = require('next/dist/server/lib/node-fs-methods.js') as {
  nodeFs: NonNullable<CacheHandlerContext['fs']>;
};

const REDIS_URL = process.env.TEST_REDIS_URL;
if (!REDIS_URL) throw new Error('TEST_REDIS_URL: run through `bash scripts/services.sh`');

const work = mkdtempSync(path.join(tmpdir(), 'portal-cache-handler-'));
let buildNumber = 0;

/** A server's build folder: `<dir>/BUILD_ID` and `<dir>/server`, as Next passes it. */
function serverDistDir(buildId: string): string {
  const dir = path.join(work, `build-${++buildNumber}`);
  mkdirSync(path.join(dir, 'server'), { recursive: true });
  writeFileSync(path.join(dir, 'BUILD_ID'), buildId);
  return path.join(dir, 'server');
}

function handler(url: string, distDir: string): RedisCacheHandler {
  process.env.REDIS_URL = url;
  return new RedisCacheHandler({
    fs: nodeFs,
    serverDistDir: distDir,
    flushToDisk: true,
    revalidatedTags: [],
    _requestHeaders: {},
  });
}

type GetContext = Parameters<RedisCacheHandler['get']>[1];
type SetContext = Parameters<RedisCacheHandler['set']>[2];
type SetValue = Parameters<RedisCacheHandler['set']>[1];

const GET = { kind: 'APP_PAGE', isRoutePPREnabled: false, isFallback: false } as GetContext;
const SET = {
  cacheControl: { revalidate: 60, expire: undefined },
  isRoutePPREnabled: false,
  isFallback: false,
} as unknown as SetContext;

function page(html: string, tags = '_N_T_/layout,_N_T_/news/page'): SetValue {
  return {
    kind: 'APP_PAGE',
    html,
    rscData: Buffer.from(`rsc of ${html}`),
    headers: { 'x-next-cache-tags': tags },
    status: 200,
    postponed: undefined,
    segmentData: new Map([['/_tree', Buffer.from('tree')]]),
  } as unknown as SetValue;
}

let key = 0;
const nextKey = () => `/route-cache/APP_PAGE/test/$/news/story-${++key}`;

afterEach(async () => {
  await closeSharedCaches();
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the Redis cache handler', () => {
  it('serves on one server what another rendered, Buffers and Maps intact', async () => {
    const a = handler(REDIS_URL, serverDistDir('build-1'));
    const b = handler(REDIS_URL, serverDistDir('build-1'));
    const k = nextKey();
    await a.set(k, page('<p>one</p>'), SET);
    const found = await b.get(k, GET);
    expect(found?.value).toMatchObject({ kind: 'APP_PAGE', html: '<p>one</p>', status: 200 });
    const value = found?.value as unknown as { rscData: Buffer; segmentData: Map<string, Buffer> };
    expect(Buffer.isBuffer(value.rscData)).toBe(true);
    expect(value.rscData.toString()).toBe('rsc of <p>one</p>');
    expect(value.segmentData.get('/_tree')?.toString()).toBe('tree');
    expect(found?.cacheControl).toEqual({ revalidate: 60, expire: undefined });
  });

  it('keeps builds apart: another build id does not see the entry', async () => {
    const a = handler(REDIS_URL, serverDistDir('build-2'));
    const other = handler(REDIS_URL, serverDistDir('build-3'));
    const k = nextKey();
    await a.set(k, page('<p>two</p>'), SET);
    expect(await other.get(k, GET)).toBeNull();
  });

  it('expires an entry on every server when one revalidates one of its tags', async () => {
    const a = handler(REDIS_URL, serverDistDir('build-4'));
    const b = handler(REDIS_URL, serverDistDir('build-4'));
    const k = nextKey();
    await b.set(k, page('<p>three</p>', '_N_T_/layout,_N_T_/news/story-x'), SET);
    expect(await a.get(k, GET)).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await a.revalidateTag(['_N_T_/news/story-x']);
    expect(await b.get(k, GET)).toBeNull();
    // An entry rendered after the revalidation is served again.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await b.set(k, page('<p>three, again</p>', '_N_T_/layout,_N_T_/news/story-x'), SET);
    expect((await a.get(k, GET))?.value).toMatchObject({ html: '<p>three, again</p>' });
  });

  it('expires a page whose render began before a revalidation and ended after it', async () => {
    // Server b renders with data from before a change (it has not indexed it yet) while a
    // revalidates: the entry b stores must not outlive that revalidation.
    const a = handler(REDIS_URL, serverDistDir('build-7'));
    const b = handler(REDIS_URL, serverDistDir('build-7'));
    const k = nextKey();
    expect(await b.get(k, GET)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await a.revalidateTag(['_N_T_/news/story-z']);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await b.set(k, page('<p>rendered from old data</p>', '_N_T_/news/story-z'), SET);
    expect(await a.get(k, GET)).toBeNull();
  });

  it('answers from its own file-system cache at once when Redis is unreachable', async () => {
    const dead = `redis://127.0.0.1:${await freePort()}`;
    const lines: string[] = [];
    const warn = console.warn;
    console.warn = (line: string) => void lines.push(line);
    try {
      const a = handler(dead, serverDistDir('build-5'));
      const k = nextKey();
      const started = performance.now();
      await a.set(k, page('<p>local</p>'), SET);
      const found = await a.get(k, GET);
      await a.get(k, GET);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(found?.value).toMatchObject({ html: '<p>local</p>' });
      expect(lines.filter((line) => line.includes('cannot use Redis'))).toHaveLength(1);
    } finally {
      console.warn = warn;
    }
  });
});

describe('the Redis cache handler when Redis stops and starts again', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('goes on without it, logs once, and shares again (expiries included) once it is back', async () => {
    const lines: string[] = [];
    const warn = console.warn;
    console.warn = (line: string) => void lines.push(line);
    try {
      const a = handler(redis.url, serverDistDir('build-6'));
      const b = handler(redis.url, serverDistDir('build-6'));
      const k = nextKey();
      await a.set(k, page('<p>before</p>', '_N_T_/news/story-y'), SET);
      expect(await b.get(k, GET)).not.toBeNull();

      await redis.stop();
      for (let attempt = 0; attempt < 3; attempt++) expect(await b.get(k, GET)).toBeNull();
      // Revalidated while Redis is away: told to Redis when it is back.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await a.revalidateTag('_N_T_/news/story-y');
      expect(lines.filter((line) => line.includes('cannot use Redis'))).toHaveLength(1);

      await redis.start();
      const k2 = nextKey();
      await expect
        .poll(
          async () => {
            await a.set(k2, page('<p>after</p>'), SET);
            return (await b.get(k2, GET))?.value;
          },
          { timeout: 10_000, interval: 200 },
        )
        .toMatchObject({ html: '<p>after</p>' });
      expect(lines.filter((line) => line.includes('is back'))).toHaveLength(1);
      // The expiry made while Redis was away reached it when it came back.
      const client = createClient({ url: redis.url });
      await client.connect();
      try {
        const at = await client.hGet('portal:build-6:tags', '_N_T_/news/story-y');
        expect(Number(at)).toBeGreaterThan(0);
      } finally {
        await client.close();
      }
    } finally {
      console.warn = warn;
    }
  });

  it('waits for a hung Redis once a second at most, not on every request', async () => {
    const lines: string[] = [];
    const warn = console.warn;
    console.warn = (line: string) => void lines.push(line);
    try {
      const a = handler(redis.url, serverDistDir('build-8'));
      const b = handler(redis.url, serverDistDir('build-8'));
      const k = nextKey();
      await a.set(k, page('<p>shared</p>'), SET);
      expect(await b.get(k, GET)).not.toBeNull();

      redis.freeze();
      const first = performance.now();
      expect(await b.get(k, GET)).toBeNull();
      expect(performance.now() - first).toBeLessThan(1_000);
      const rest = performance.now();
      for (let attempt = 0; attempt < 20; attempt++) await b.get(k, GET);
      expect(performance.now() - rest).toBeLessThan(200);
      expect(lines.filter((line) => line.includes('cannot use Redis'))).toHaveLength(1);

      redis.thaw();
      await expect
        .poll(async () => (await b.get(k, GET))?.value, { timeout: 5_000, interval: 200 })
        .toMatchObject({ html: '<p>shared</p>' });
      expect(lines.filter((line) => line.includes('is back'))).toHaveLength(1);
    } finally {
      console.warn = warn;
      redis.thaw();
    }
  });
});
