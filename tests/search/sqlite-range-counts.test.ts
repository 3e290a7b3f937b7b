/**
 * SQLite counts the documents of a rowid range, which scale a full window's counts up to the
 * archive, from every n-th rowid of each part kept in memory and a count of the few entries
 * past the nearest one (lib/content/sqlite/search-score.ts): the counts must be exact all the
 * same, here with 4 rowids kept of 41 articles and of 13 topics and offerings.
 */
import { describe, expect, it } from 'vitest';

import { openContentDb } from '@/lib/content/sqlite/connection';
import { sqliteDialect, sqliteRunner } from '@/lib/content/sqlite/runner';
import { corpusStats } from '@/lib/content/sqlite/search-score';
import { sqliteFullText } from '@/lib/content/sqlite/search-index';
import { OTHERS_FROM, SearchIndex, type IndexedDocument } from '@/lib/content/sql/search-index';
import type { SearchType } from '@/lib/search/types';

function doc(type: SearchType, n: number): IndexedDocument {
  return {
    id: `${type}:${n}`,
    type,
    slug: `${type}-${n}`,
    url: `/${type}/${n}`,
    title: `Story ${n}`,
    keywords: '',
    summary: '',
    body: 'Remote monitoring.',
    detail: null,
    publishedAt: type === 'article' ? new Date(Date.UTC(2026, 0, 1 + n)).toISOString() : null,
    publicFrom: 0,
    topics: [],
    conditional: false,
  };
}

describe('range counts', () => {
  it('are exact with a few rowids of each part kept', async () => {
    const { db } = openContentDb(':memory:', '/test');
    const index = new SearchIndex(sqliteRunner(db), sqliteDialect, sqliteFullText(db));
    for (let n = 0; n < 41; n++) await index.add(doc('article', n));
    for (let n = 0; n < 13; n++) await index.add(doc(n % 2 ? 'topic' : 'offering', n));
    const rowids = db
      .prepare('SELECT rowid FROM search_docs ORDER BY rowid')
      .pluck()
      .all() as number[];
    expect(rowids.filter((rowid) => rowid < OTHERS_FROM)).toHaveLength(41);

    const stats = corpusStats(db, 4);
    const counted = db
      .prepare('SELECT COUNT(*) FROM search_docs WHERE rowid >= ? AND rowid < ?')
      .pluck();
    // Every range between two documents' rowids, a rowid either side, and both parts' ends.
    const bounds = [
      0,
      ...rowids.flatMap((rowid) => [rowid - 1, rowid, rowid + 1]),
      OTHERS_FROM,
      Number.MAX_SAFE_INTEGER,
    ];
    let ranges = 0;
    for (const from of bounds) {
      for (const to of bounds) {
        if (to <= from) continue;
        expect(stats.count(from, to), `[${from}, ${to})`).toBe(counted.get(from, to));
        ranges++;
      }
    }
    expect(ranges).toBeGreaterThan(10_000);
  });
});
