/**
 * The scorer tells which of a query's words a title and keywords hold from `search_headings`,
 * folded when indexed and kept per connection (lib/content/sqlite/search-counts.ts): it must
 * follow every write of a document, or a changed title would be scored as the old one.
 */
import { describe, expect, it } from 'vitest';

import { openContentDb } from '@/lib/content/sqlite/connection';
import { sqliteDialect, sqliteRunner } from '@/lib/content/sqlite/runner';
import { headingsOf } from '@/lib/content/sqlite/search-counts';
import { sqliteFullText } from '@/lib/content/sqlite/search-index';
import { SearchIndex, type IndexedDocument } from '@/lib/content/sql/search-index';

function doc(n: number, title: string, keywords: string): IndexedDocument {
  return {
    id: `article:${n}`,
    type: 'article',
    slug: `story-${n}`,
    url: `/news/story-${n}`,
    title,
    keywords,
    summary: '',
    body: 'Remote monitoring.',
    detail: null,
    publishedAt: new Date(Date.UTC(2026, 0, 1 + n)).toISOString(),
    publicFrom: 0,
    topics: [],
    conditional: false,
  };
}

describe('search headings', () => {
  it('hold each title and keywords folded, and follow changes and removals', async () => {
    const { db } = openContentDb(':memory:', '/test');
    const index = new SearchIndex(sqliteRunner(db), sqliteDialect, sqliteFullText(db));
    await index.add(doc(1, 'Télésanté in QUÉBEC', 'Acme Health, Virtual Care'));
    await index.add(doc(2, 'Remote Monitoring', 'Naïve Vendor'));
    const rowid = (n: number) =>
      db.prepare('SELECT rowid FROM search_docs WHERE id = ?').pluck().get(`article:${n}`) as
        number | undefined;
    const [first, second] = [rowid(1)!, rowid(2)!];

    expect(headingsOf(db, [second, first])).toEqual([
      ['remote monitoring', 'naive vendor'],
      ['telesante in quebec', 'acme health, virtual care'],
    ]);

    // A document written again takes its rowid's place, and one removed leaves none behind.
    await index.add(doc(1, 'Hospital At Home', 'Acme Health'));
    await index.remove('article:2');
    expect(headingsOf(db, [rowid(1)!])).toEqual([['hospital at home', 'acme health']]);
    expect(rowid(2)).toBeUndefined();
    expect(db.prepare('SELECT COUNT(*) FROM search_headings').pluck().get()).toBe(1);
  });
});
