/**
 * PostgreSQL's window of a query whose rarest term goes through the GIN index: once ANALYZE
 * has run, the index is given the newest articles' range with it (lib/content/postgres/search.ts,
 * newest()), from the histogram of rowids, and the window must be the same as without it.
 */
import { describe, expect, it } from 'vitest';

import { pgDialect, pgRunner, prepareSchema } from '@/lib/content/postgres/connection';
import { searchPostgres } from '@/lib/content/postgres/search';
import { pgFullText } from '@/lib/content/postgres/search-index';
import { SearchIndex } from '@/lib/content/sql/search-index';
import { EMPTY_QUERY } from '@/lib/search/query';

import { testPool } from '../support/postgres';
import { indexDocuments, type TestDocument } from '../support/search-engine';

const NOW = Date.parse('2026-01-15T12:00:00Z');
const DAY = 86_400_000;
const ARTICLES = 240;

/** Article `i` of ARTICLES, a day apart, the newest last; `word` in its title. */
function doc(i: number, word: string): TestDocument {
  return {
    id: `article:a${i}`,
    type: 'article',
    slug: `a${i}`,
    url: `/article/a${i}`,
    title: `Story ${i} ${word}`,
    keywords: '',
    summary: '',
    body: 'Filler text about hospitals and staff.',
    topics: [],
    publishedAt: new Date(NOW - (ARTICLES + 1 - i) * DAY).toISOString(),
    detail: null,
    publicFrom: 0,
  };
}

/**
 * Twelve articles with each word, a twentieth of the archive: a window of five reads the newest
 * 150 or so articles through the index. 'sensor' is spread over the archive, 'oximeter' is in
 * the twelve oldest only.
 */
async function analyzedIndex() {
  const { pool, schema } = testPool('window');
  await prepareSchema(pool, schema, '/test');
  const runner = pgRunner(pool);
  const documents = Array.from({ length: ARTICLES }, (_, i) =>
    doc(i + 1, i % 20 === 0 ? 'sensor' : i < 12 ? 'oximeter' : 'update'),
  );
  await indexDocuments(runner, new SearchIndex(runner, pgDialect, pgFullText(runner)), documents);
  await runner.run('ANALYZE search_docs');
  return (q: string) =>
    searchPostgres(
      runner,
      { ...EMPTY_QUERY, q, limit: 5 },
      { preview: false, now: NOW },
      { articles: 5, others: 2 },
    );
}

describe('a window read through the GIN index from the newest articles', () => {
  it('holds the newest matches when they are in the range', async () => {
    const search = await analyzedIndex();
    const response = await search('sensor');
    expect(response.hits.map((hit) => hit.slug)).toEqual(['a221', 'a201', 'a181', 'a161', 'a141']);
    expect(response.total).toBe(12);
  });

  it('reaches back past the range when the newest articles hold too few matches', async () => {
    const search = await analyzedIndex();
    const response = await search('oximeter');
    expect(response.hits.map((hit) => hit.slug)).toEqual(['a12', 'a11', 'a10', 'a9', 'a8']);
  });
});
