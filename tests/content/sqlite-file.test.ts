/**
 * SQLite's own file: made again from the folder when it is damaged (found while serving, or on
 * opening), of another format or of another folder. Runs on SQLite only; PostgreSQL's schema
 * versions and outages are tested in tests/postgres.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { getArticle, listArticles } from '@/lib/content';
import { indexContent } from '@/lib/content/indexer/index-content';
import { openContentDb, openWriter } from '@/lib/content/sqlite/connection';
import { SqliteIndexStore } from '@/lib/content/sqlite/index-store';

import { indexFixture, useSiteContent } from '../support/content-db';
import { article, mdx } from '../support/fixture';

describe('a content database found damaged while serving', () => {
  let restore: () => void;

  beforeAll(() => {
    restore = useSiteContent({
      'news/a.mdx': mdx(article({ slug: 'a', title: 'Still here' })),
    }).restore;
  });
  afterAll(() => restore());

  it('fails the query that finds the damage, then is made again from the folder', async () => {
    expect((await getArticle('a'))?.title).toBe('Still here');
    const file = process.env.CONTENT_DB!;
    const checkpoint = new Database(file);
    checkpoint.pragma('wal_checkpoint(TRUNCATE)');
    checkpoint.close();
    // Everything after the first page is overwritten, and the header says the file changed.
    const bytes = readFileSync(file);
    bytes.fill(0xff, 4096);
    bytes.writeUInt32BE(bytes.readUInt32BE(24) + 1, 24);
    writeFileSync(file, bytes);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await expect(listArticles(1)).rejects.toThrow();
      expect(errors).toHaveBeenCalledWith(
        expect.stringMatching(/is damaged .*making it again from the folder/),
      );
      expect((await getArticle('a'))?.title).toBe('Still here');
    } finally {
      errors.mockRestore();
    }
  });
});

describe('the database file', () => {
  it('is made again from the folder when it is damaged, of another format or of another folder', async () => {
    const fixture = await indexFixture({ 'news/a.mdx': mdx(article({ slug: 'a' })) });
    const reopen = (dir = fixture.dir) => {
      const opened = openContentDb(fixture.dbFile, dir);
      opened.db.close();
      return opened.fresh;
    };
    try {
      await fixture.close();
      expect(reopen()).toBeNull();
      expect(reopen('/elsewhere')).toMatch(/was made from .*, not \/elsewhere/);
      for (const suffix of ['-wal', '-shm']) rmSync(`${fixture.dbFile}${suffix}`, { force: true });
      writeFileSync(fixture.dbFile, 'not a database');
      expect(reopen()).toMatch(/cannot be read/);
      const db = openContentDb(fixture.dbFile, fixture.dir).db;
      db.prepare("UPDATE meta SET value = 'old' WHERE key = 'schema_version'").run();
      db.close();
      expect(reopen()).toMatch(/another version of the portal \(old\)/);
      // Made again and empty: the next run indexes the whole folder into it.
      const writer = new SqliteIndexStore(openWriter(fixture.dbFile));
      expect((await indexContent(writer, fixture.dir)).changedFiles).toEqual(['news/a.mdx']);
      writer.close();
    } finally {
      await fixture.cleanup();
    }
  });
});
