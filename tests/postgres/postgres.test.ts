/**
 * What only PostgreSQL has to answer for (the contract tests run on it too): readiness, several
 * servers indexing one database, a database that goes away in the middle of a run, a schema of
 * an older version, and a DATABASE_URL that is not one.
 */
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { contentDatabaseSetting } from '@/lib/config';
import { checkContentReady, closeContentDatabase, contentStore } from '@/lib/content/database';
import { indexContent } from '@/lib/content/indexer/index-content';
import { refreshContent } from '@/lib/content/publish';
import type { IndexWriter } from '@/lib/content/indexer/store';
import { openPool, pgRunner, prepareSchema } from '@/lib/content/postgres/connection';
import { PgIndexStore } from '@/lib/content/postgres/index-store';
import { PgContentStore } from '@/lib/content/postgres/queries';
import { ContentDatabaseError } from '@/lib/content/store';
import { EMPTY_QUERY } from '@/lib/search/query';
import { indexFolder } from '@/scripts/lib/content-db';

import { PREVIEW, useSiteContent } from '../support/content-db';
import { article, makeContentDir, mdx } from '../support/fixture';
import { testDatabaseUrl, testPool } from '../support/postgres';

const files = Object.fromEntries(
  Array.from({ length: 6 }, (_, i) => [
    `news/story-${i}.mdx`,
    mdx(
      article({
        slug: `story-${i}`,
        title: `Glucose monitors, part ${i}`,
        date: `2024-05-0${i + 1}`,
        categories: ['Medigy: Diabetes'],
        categoryUrl: ['topic/medigy-diabetes'],
        categoryLabel: ['Diabetes'],
      }),
      `Story ${i} about continuous glucose monitoring.`,
    ),
  ]),
);
const folder = makeContentDir({
  ...files,
  'topics/diabetes.mdx': mdx(
    { title: 'Diabetes', name: 'Medigy: Diabetes', slug: 'medigy-diabetes' },
    '',
  ),
});
afterAll(() => folder.cleanup());

/** Everything a reader would notice of the indexed folder. */
async function contents(store: PgContentStore) {
  const search = await store.search({ ...EMPTY_QUERY, q: 'glucose', limit: 50 }, PREVIEW);
  return {
    articles: (await store.articles(1, 50, PREVIEW))?.items.map((item) => item.slug).sort(),
    topics: (await store.topics(1, 50, PREVIEW))?.items.map((topic) => [
      topic.slug,
      topic.articleCount,
    ]),
    problems: await store.problems(),
    search: [search.total, search.hits.map((hit) => hit.id).sort(), search.counts],
  };
}

/** A TCP relay to the test database that can be cut, as a server stopping or a network failing. */
async function relay() {
  const target = new URL(testDatabaseUrl());
  const sockets = new Set<net.Socket>();
  let cut = false;
  const server = net.createServer((client) => {
    if (cut) return client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    cut: () => {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
    restore: () => {
      cut = false;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('several servers indexing one database at once', () => {
  it('leaves exactly what one indexer alone leaves', async () => {
    const alone = testPool('alone');
    await prepareSchema(alone.pool, alone.schema, folder.dir);
    await indexContent(new PgIndexStore(alone.pool, alone.schema), folder.dir);
    const expected = await contents(new PgContentStore(alone.pool));

    const [a, b, c] = [testPool('shared'), testPool('shared'), testPool('shared')];
    await Promise.all([a, b, c].map(({ pool, schema }) => prepareSchema(pool, schema, folder.dir)));
    await Promise.all(
      [a, b, c].map(({ pool, schema }) => indexContent(new PgIndexStore(pool, schema), folder.dir)),
    );
    expect(await contents(new PgContentStore(a.pool))).toEqual(expected);
    const duplicates = await pgRunner(a.pool).all(
      'SELECT id FROM search_docs GROUP BY id HAVING COUNT(*) > 1',
    );
    expect(duplicates).toEqual([]);
    expect(expected.articles).toHaveLength(6);
  });
});

describe('a database that goes away in the middle of a run', () => {
  it('fails with an error naming the content database, and a run from the folder restores it', async () => {
    const link = await relay();
    const schema = `${process.env.CONTENT_DB_SCHEMA}_outage`;
    const pool = openPool(link.url, schema, 4);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await prepareSchema(pool, schema, folder.dir);
      const index = new PgIndexStore(pool, schema);
      const store = new PgContentStore(pool);
      // The connection is cut after the third article of the run is written.
      let written = 0;
      const write = index.write.bind(index);
      index.write = (work) =>
        write((tx) =>
          work(
            new Proxy(tx, {
              get(target, name, receiver) {
                const value = Reflect.get(target, name, receiver) as unknown;
                if (name !== 'putArticle' || typeof value !== 'function') return value;
                return async (...args: Parameters<IndexWriter['putArticle']>) => {
                  if (++written === 3) link.cut();
                  return target.putArticle(...args);
                };
              },
            }),
          ),
        );
      const failed = indexContent(index, folder.dir);
      await expect(failed).rejects.toThrow(ContentDatabaseError);
      await expect(failed).rejects.toThrow(/content database \(PostgreSQL, DATABASE_URL\)/);
      await expect(store.articles(1, 10, PREVIEW)).rejects.toThrow(ContentDatabaseError);

      link.restore();
      // Nothing of the broken run was kept: its transaction never committed.
      expect((await store.articles(1, 10, PREVIEW))?.total ?? 0).toBe(0);
      await indexContent(index, folder.dir);
      const alone = testPool('alone');
      expect(await contents(store)).toEqual(await contents(new PgContentStore(alone.pool)));
    } finally {
      errors.mockRestore();
      await pool.end();
      await link.close();
    }
  });
});

describe('a schema made by an older version', () => {
  it('is dropped and made again, then filled from the folder', async () => {
    const { pool, schema } = testPool('older');
    expect(await prepareSchema(pool, schema, folder.dir)).toMatch(/no content schema/);
    await indexContent(new PgIndexStore(pool, schema), folder.dir);
    const sql = pgRunner(pool);
    await sql.run(`UPDATE meta SET value = '0;old' WHERE key = 'schema_version'`);
    await sql.run('CREATE TABLE leftover (x integer)');

    expect(await prepareSchema(pool, schema, folder.dir)).toMatch(
      /made by another version of the portal \(0;old\)/,
    );
    const leftover = await sql.all(
      `SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = 'leftover'`,
      [schema],
    );
    expect(leftover).toEqual([]);
    expect(await sql.get('SELECT COUNT(*) AS n FROM articles')).toEqual({ n: 0 });
    await indexContent(new PgIndexStore(pool, schema), folder.dir);
    expect(await sql.get('SELECT COUNT(*) AS n FROM articles')).toEqual({ n: 6 });
    expect(await prepareSchema(pool, schema, folder.dir)).toBeNull();
  });
});

describe('the site on PostgreSQL', () => {
  let restore: () => void;
  let dir: string;
  beforeAll(() => {
    ({ restore, dir } = useSiteContent({ ...files }));
  });
  afterAll(() => restore());
  afterEach(() => vi.unstubAllEnvs());

  it('is not ready while the folder is indexed, then ready', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(await checkContentReady()).toEqual({
        ready: false,
        reason: 'the content database is being made from the folder',
      });
      await contentStore();
      expect(await checkContentReady()).toEqual({ ready: true, reason: null });
    } finally {
      info.mockRestore();
      warn.mockRestore();
    }
  });

  it("is ready at a process's first probe when the database already holds the folder", async () => {
    await contentStore();
    // As a server just started: its first readiness probe is the first use of the database.
    closeContentDatabase();
    expect(await checkContentReady()).toEqual({ ready: true, reason: null });
  });

  it('is not ready, and says why, when the database does not answer; ready again when it does', async () => {
    const link = await relay();
    vi.stubEnv('DATABASE_URL', link.url);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await contentStore();
      expect(await checkContentReady()).toEqual({ ready: true, reason: null });
      link.cut();
      const down = await checkContentReady();
      expect(down.ready).toBe(false);
      expect(down.reason).toMatch(/content database \(PostgreSQL, DATABASE_URL\) failed/);
      await expect(contentStore().then((store) => store.articles(1, 10, PREVIEW))).rejects.toThrow(
        ContentDatabaseError,
      );
      link.restore();
      expect(await checkContentReady()).toEqual({ ready: true, reason: null });
      expect((await (await contentStore()).articles(1, 10, PREVIEW))?.total).toBe(6);
    } finally {
      errors.mockRestore();
      closeContentDatabase();
      await link.close();
    }
  });

  it("takes the pipeline's changes through revalidation, naming the pages they touch", async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      writeFileSync(
        path.join(dir, 'news/story-2.mdx'),
        mdx(article({ slug: 'story-2', title: 'Insulin pens, revised', date: '2024-05-03' })),
      );
      const { changedFiles, paths } = await refreshContent();
      expect(changedFiles).toEqual(['news/story-2.mdx']);
      expect(paths).toContain('/news/story-2');
      const store = await contentStore();
      expect((await store.article('story-2', PREVIEW))?.title).toBe('Insulin pens, revised');
      const found = await store.search({ ...EMPTY_QUERY, q: 'insulin' }, PREVIEW);
      expect(found.hits.map((hit) => hit.id)).toEqual(['article:story-2']);
    } finally {
      info.mockRestore();
    }
  });

  it('names DATABASE_URL when it is not a PostgreSQL URL', async () => {
    vi.stubEnv('DATABASE_URL', 'mysql://portal@localhost/portal');
    expect(() => contentDatabaseSetting()).toThrow(/DATABASE_URL: expected a postgres:\/\//);
    vi.stubEnv('DATABASE_URL', 'not a url');
    expect(await checkContentReady()).toMatchObject({
      ready: false,
      reason: expect.stringMatching(/^DATABASE_URL: /),
    });
    vi.stubEnv('CONTENT_DB_SCHEMA', 'Robert"; DROP');
    vi.stubEnv('DATABASE_URL', testDatabaseUrl());
    expect(() => contentDatabaseSetting()).toThrow(/CONTENT_DB_SCHEMA/);
  });

  it('is what the indexer script writes to when DATABASE_URL is set', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { counts } = await indexFolder(folder.dir, contentDatabaseSetting());
      expect(counts).toMatchObject({ articles: 6, topics: 1 });
    } finally {
      error.mockRestore();
    }
  });
});
