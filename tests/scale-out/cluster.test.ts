/**
 * Two portal servers (`npm start`, each on its own copy of one build) sharing a content folder,
 * one PostgreSQL content database (scripts/services.sh's, a schema of this run's own) and a
 * Redis, behind nginx (scripts/scale-out/nginx.conf). Everything is real: no mocks, no test
 * hooks in the servers; PostgreSQL is stopped and started again with pg_ctl.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { deserialize } from 'node:v8';

import pg from 'pg';
import { createClient, RESP_TYPES } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  buildOnce,
  freePort,
  indexAgain,
  revalidate,
  SECRET,
  startRedis,
  startServer,
  testDatabase,
  timeUntilVisible,
  writeArticle,
  type Build,
  type PortalServer,
  type RunningRedis,
  type SharedDatabase,
} from '@/scripts/scale-out/cluster';
import { startBalancer } from '@/scripts/scale-out/nginx';
import type { RunningNginx } from '@/scripts/lib/nginx';

const ROOT = path.resolve(import.meta.dirname, '../..');
const database = testDatabase(`scale_out_${process.pid}`);

let build: Build;
let redis: RunningRedis;
let a: PortalServer;
let b: PortalServer;
let nginx: RunningNginx;
let site: string;

/** The build, Redis, both servers and nginx, on `shared` or each server's own SQLite file. */
async function startCluster(shared: SharedDatabase | null) {
  build = await buildOnce('.next-scale-out', shared);
  redis = await startRedis();
  [a, b] = await Promise.all([
    startServer(build, 'a', redis.url),
    startServer(build, 'b', redis.url),
  ]);
  const port = await freePort();
  nginx = await startBalancer({ listen: port, servers: [a, b].map((s) => `127.0.0.1:${s.port}`) });
  site = `http://127.0.0.1:${port}`;
}

async function stopCluster() {
  await nginx?.stop();
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
  await build?.remove();
  // A lock still held (by a server that did not stop) fails this rather than hangs it.
  if (build?.database) {
    await query(`SET lock_timeout = '10s'; DROP SCHEMA IF EXISTS ${database.schema} CASCADE`);
  }
  const { rm } = await import('node:fs/promises');
  for (const server of [a, b]) {
    if (server) await rm(path.join(ROOT, server.distDir), { recursive: true, force: true });
  }
}

/** One statement on the shared database, on a connection of its own. */
async function query(sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function count(log: string, text: string): number {
  return log.split('\n').filter((line) => line.includes(text)).length;
}

/** Waits until `server` has applied `more` changes from the feed beyond `before`. */
async function appliedChanges(server: PortalServer, before: number, more: number) {
  await expect
    .poll(() => count(server.log(), 'change feed: applied'), { timeout: 15_000, interval: 20 })
    .toBeGreaterThanOrEqual(before + more);
}

/**
 * Waits until a change revalidated on a has gone round: b has purged it, and, when each server
 * has its own SQLite database, a has heard back what b's own indexing purged.
 */
async function settled(beforeA: number, beforeB: number) {
  await appliedChanges(b, beforeB, 1);
  if (!build.database) await appliedChanges(a, beforeA, 1);
}

/** Next's entry for a page in Redis: its key and when it was stored. */
async function redisEntry(pagePath: string): Promise<{ key: string; lastModified: number }> {
  const client = createClient({ url: redis.url, RESP: 2 }).withTypeMapping({
    [RESP_TYPES.BLOB_STRING]: Buffer,
  });
  await client.connect();
  try {
    const keys = await client.keys(`portal:*:entry:*/$${pagePath}`);
    expect(keys, `one entry for ${pagePath} in Redis`).toHaveLength(1);
    const key = keys[0]!.toString();
    const stored = await client.get(key);
    const entry = deserialize(stored!) as { lastModified: number };
    return { key, lastModified: entry.lastModified };
  } finally {
    await client.close();
  }
}

/** Files of a server's build folder whose name is `<slug>.html`: what its Next rendered to disk. */
async function renderedFiles(server: PortalServer, slug: string): Promise<string[]> {
  const files = await readdir(path.join(ROOT, server.distDir, 'server'), { recursive: true });
  return files.filter((file) => path.basename(file) === `${slug}.html`);
}

// PostgreSQL is what several servers share; the key cases also run with a SQLite file per server
// (each indexes every change itself), which the site still supports.
describe.each([
  ['one PostgreSQL', database],
  ['a SQLite file each', null],
])('two servers behind nginx on %s and one Redis', (_, shared) => {
  beforeAll(() => startCluster(shared));
  afterAll(stopCluster);

  it('answers through nginx with the servers’ compression, caching headers, health and readiness', async () => {
    const response = await fetch(`${site}/`, { headers: { 'accept-encoding': 'br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(response.headers.get('cache-control')).toMatch(/s-maxage=\d+/);
    expect(await response.text()).toContain('</html>');
    for (const server of [a, b]) {
      const live = await fetch(`${server.url}/healthz`);
      expect(live.status).toBe(200);
      const ready = await fetch(`${server.url}/readyz`);
      const body: unknown = await ready.json();
      expect(ready.status, `${server.name} /readyz: ${JSON.stringify(body)}`).toBe(200);
      expect(body).toMatchObject({ ready: true });
    }
    if (!build.database) return;
    // Both servers read the build's schema: neither made a database of its own.
    const tables = await query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = '${database.schema}'`,
    );
    expect(tables.rows[0].n).toBeGreaterThan(0);
    for (const server of [a, b]) expect(server.log()).not.toMatch(/indexing .* into it/);
  });

  it('shows an article published through one server on the other within a second', async () => {
    // The first index run of a process starts its compile threads (about a second): once.
    await writeArticle(build.contentDir, 'scale-out-warm-up', 'Warm-up story for the servers');
    await revalidate(a.url);
    expect(
      await timeUntilVisible(`${b.url}/news/scale-out-warm-up`, 'Warm-up story', 15_000),
    ).not.toBeNull();

    const title = 'Hospital network shares its discharge records';
    const page = await writeArticle(build.contentDir, 'scale-out-first', title);
    const result = await revalidate(a.url);
    const published = performance.now();
    expect(result.revalidated).toContain(page);
    const ms = await timeUntilVisible(`${b.url}${page}`, title, 1_000, published);
    expect(ms, `${page} on server b, ms after a's revalidation`).not.toBeNull();
    expect((await fetch(`${site}${page}`)).status).toBe(200);
  });

  it('serves on one server a page the other rendered, without rendering it again', async () => {
    const title = 'County pilots a shared care plan for home visits';
    const [beforeA, beforeB] = [a, b].map((s) => count(s.log(), 'change feed: applied'));
    const page = await writeArticle(build.contentDir, 'scale-out-shared', title);
    await revalidate(a.url);
    // b has purged the change: then nothing expires the page.
    await settled(beforeA!, beforeB!);

    const first = await fetch(`${a.url}${page}`);
    expect(first.status).toBe(200);
    const stored = await redisEntry(page);
    expect(await renderedFiles(a, 'scale-out-shared')).toHaveLength(1);

    const second = await fetch(`${b.url}${page}`);
    expect(second.status).toBe(200);
    expect(await second.text()).toContain(title);
    // Rendering stores a new entry (in Redis and on the server's own disk): b did neither.
    expect(await redisEntry(page)).toEqual(stored);
    expect(await renderedFiles(b, 'scale-out-shared')).toEqual([]);
  });

  // The faults, on the setup several servers share (PostgreSQL): defined only there.
  if (shared)
    it('keeps serving while Redis is down, says so once, and uses Redis again when it is back', async () => {
      await redis.stop();
      // Empty the front servers' caches, so that requests reach Next and its cache handler.
      for (const server of [a, b]) {
        const purged = await fetch(`${server.url}/api/cache`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${SECRET}` },
        });
        expect(purged.status).toBe(200);
      }
      const pages = ['/', '/news', '/news/page/2', '/topics', '/news/scale-out-first', '/authors'];
      for (const server of [a, b]) {
        for (const page of pages) {
          const started = performance.now();
          const response = await fetch(`${server.url}${page}`);
          expect(response.status, `${server.name} ${page}`).toBe(200);
          expect(performance.now() - started, `${server.name} ${page} ms`).toBeLessThan(3_000);
        }
      }
      for (const page of pages) expect((await fetch(`${site}${page}?r=1`)).status).toBe(200);
      for (const server of [a, b]) {
        expect(count(server.log(), 'cache handler: cannot use Redis'), server.name).toBe(1);
      }

      await redis.start();
      const title = 'Regional health board opens a telehealth hub';
      const page = await writeArticle(build.contentDir, 'scale-out-after-restart', title);
      // Both servers reconnect within a second or so; then a change goes through Redis again.
      await expect
        .poll(
          () => count(a.log(), 'cache handler: Redis') + count(b.log(), 'cache handler: Redis'),
          {
            timeout: 10_000,
          },
        )
        .toBe(2);
      await revalidate(a.url);
      expect(await timeUntilVisible(`${b.url}${page}`, title, 5_000)).not.toBeNull();
      expect((await fetch(`${a.url}${page}`)).status).toBe(200);
      await expect.poll(async () => (await redisEntry(page)).lastModified).toBeGreaterThan(0);
      for (const server of [a, b]) {
        expect(count(server.log(), 'cache handler: cannot use Redis'), server.name).toBe(1);
        expect(count(server.log(), 'cache handler: Redis at'), server.name).toBe(1);
      }
    });

  if (shared)
    it('serves cached pages while PostgreSQL is stopped, a 503 busy page for others, and all again once it is back and indexed', async () => {
      const control = database.control;
      if (!control) throw new Error('TEST_PG_CTL is not set: run through scripts/services.sh');
      // A story indexed while the database runs, whose page no server has rendered yet.
      const title = 'Clinic group moves its scheduling to a shared system';
      const [beforeA, beforeB] = [a, b].map((s) => count(s.log(), 'change feed: applied'));
      const uncached = await writeArticle(build.contentDir, 'scale-out-unrendered', title);
      await revalidate(a.url);
      await settled(beforeA!, beforeB!);
      const cached = ['/', '/news', '/news/scale-out-first'];
      for (const server of [a, b]) {
        for (const page of cached) expect((await fetch(`${server.url}${page}`)).status).toBe(200);
      }
      const articles = ((await (await fetch(`${a.url}/readyz`)).json()) as { articles: number })
        .articles;

      await control('stop');
      try {
        for (const server of [a, b]) {
          for (const page of cached) {
            const response = await fetch(`${server.url}${page}`);
            expect(response.status, `${server.name} ${page}`).toBe(200);
            expect(await response.text()).toContain('</html>');
          }
          const busy = await fetch(`${server.url}${uncached}`);
          expect(busy.status, `${server.name} ${uncached}`).toBe(503);
          expect(busy.headers.get('retry-after')).toBe('10');
          expect(await busy.text()).toContain('The site is busy');
          expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
          const ready = await fetch(`${server.url}/readyz`);
          expect(ready.status, `${server.name} /readyz`).toBe(503);
          expect(await ready.json()).toMatchObject({ ready: false });
        }
        // Through nginx: the busy page, however often it is asked for, and cached pages all the
        // same (a busy server is not taken out: it still serves what it holds).
        for (let attempt = 0; attempt < 4; attempt++) {
          const busy = await fetch(`${site}${uncached}`);
          expect(busy.status).toBe(503);
          expect(await busy.text()).toContain('The site is busy');
          for (const page of cached) expect((await fetch(`${site}${page}`)).status, page).toBe(200);
        }
      } finally {
        await control('start');
      }

      // Back: the page renders, on both servers, with nothing lost.
      expect(await timeUntilVisible(`${b.url}${uncached}`, title, 10_000)).not.toBeNull();
      expect(await timeUntilVisible(`${site}${uncached}`, title, 10_000)).not.toBeNull();
      await expect.poll(async () => (await fetch(`${a.url}/readyz`)).status).toBe(200);

      // The content database is only made from the folder: without it, re-indexing restores all.
      await query(`DROP SCHEMA ${database.schema} CASCADE`);
      await indexAgain(build);
      for (const server of [a, b]) {
        const ready = await fetch(`${server.url}/readyz`);
        expect(ready.status, `${server.name} /readyz`).toBe(200);
        expect(await ready.json()).toMatchObject({ ready: true, articles });
      }
      const second = 'Rural hospitals pool their imaging archive';
      const page = await writeArticle(build.contentDir, 'scale-out-after-reindex', second);
      await revalidate(b.url);
      expect(await timeUntilVisible(`${a.url}${page}`, second, 5_000)).not.toBeNull();
      const search = await fetch(
        `${site}/search?q=${encodeURIComponent('scheduling shared system')}`,
      );
      expect(search.status).toBe(200);
      expect(await search.text()).toContain(`href="${uncached}"`);
    });

  if (shared)
    it('loses no reader request after the first timeout when a server dies under load', async () => {
      const pages = ['/', '/news', '/news/page/2', '/topics', '/news/scale-out-first', '/authors'];
      const failures: { at: number; what: string }[] = [];
      let requests = 0;
      const started = performance.now();
      const until = started + 6_000;
      let killedAt = Infinity;
      const loops = Array.from({ length: 16 }, async (_, loop) => {
        for (let index = loop; performance.now() < until; index++) {
          const page = pages[index % pages.length]!;
          try {
            const response = await fetch(`${site}${page}`);
            await response.arrayBuffer();
            if (response.status !== 200) {
              failures.push({ at: performance.now(), what: `${page}: ${response.status}` });
            }
          } catch (error) {
            failures.push({ at: performance.now(), what: `${page}: ${String(error)}` });
          }
          requests++;
        }
      });
      await sleep(2_000);
      killedAt = performance.now();
      b.kill();
      await Promise.all(loops);
      // nginx's first timeout (proxy_connect_timeout 1s) is the most a dying server may cost.
      const late = failures.filter((failure) => failure.at > killedAt + 1_000);
      expect(requests).toBeGreaterThan(100);
      expect(late, JSON.stringify(failures.slice(0, 5))).toEqual([]);
      console.info(
        `scale-out: ${requests} requests through nginx in 6 s, server b killed at 2 s; ` +
          `${failures.length} failed in all, ${late.length} after the first timeout`,
      );
    });
});
