/**
 * SQLite's full-text index after an index run: merged into one segment when the run left it in
 * many (lib/content/sqlite/index-store.ts), since every query looks up each of its words in
 * every segment. Each write transaction adds a segment; FTS5's automerge is turned off here so
 * that each one stays.
 */
import { describe, expect, it } from 'vitest';

import { openContentDb } from '@/lib/content/sqlite/connection';
import { SqliteIndexStore } from '@/lib/content/sqlite/index-store';
import { sqliteDialect, sqliteRunner } from '@/lib/content/sqlite/runner';
import { sqliteFullText } from '@/lib/content/sqlite/search-index';
import { SearchIndex } from '@/lib/content/sql/search-index';

async function indexInTransactions(transactions: number) {
  const { db } = openContentDb(':memory:', '/test');
  db.exec(`INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 0)`);
  const store = new SqliteIndexStore(db);
  const index = new SearchIndex(sqliteRunner(db), sqliteDialect, sqliteFullText(db));
  for (let i = 0; i < transactions; i++) {
    await store.write(() =>
      index.add({
        id: `article:story-${i}`,
        type: 'article',
        slug: `story-${i}`,
        url: `/news/story-${i}`,
        title: `Telehealth story ${i}`,
        keywords: '',
        summary: '',
        body: 'Remote monitoring for rural clinics.',
        detail: null,
        publishedAt: `2026-01-${String(i + 1).padStart(2, '0')}T00:00:00.000Z`,
        publicFrom: 0,
        topics: [],
        conditional: false,
      }),
    );
  }
  const segments = () =>
    db.prepare('SELECT COUNT(DISTINCT segid) FROM search_fts_idx').pluck().get() as number;
  const matches = () =>
    db.prepare(`SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH 'telehealth'`).pluck().get();
  return { store, segments, matches };
}

describe('the full-text index after a run', () => {
  it('is merged into one segment when the run left many', async () => {
    const { store, segments, matches } = await indexInTransactions(12);
    expect(segments()).toBe(12);
    await store.compact();
    expect(segments()).toBe(1);
    expect(matches()).toBe(12);
  });

  it('is left as it is when it is in few segments', async () => {
    const { store, segments, matches } = await indexInTransactions(3);
    await store.compact();
    expect(segments()).toBe(3);
    expect(matches()).toBe(3);
  });
});
