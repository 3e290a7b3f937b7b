/**
 * PostgreSQL's window of a query whose rarest term goes through the GIN index: once ANALYZE
 * has run, the index is given the newest articles' range with it (lib/content/postgres/search.ts,
 * firstRange()), from the histogram of rowids, then older ranges while the window is not full,
 * and the window must be the same as without them. The ranges are cheap because the index run
 * puts the rows in rowid order (lib/content/postgres/index-store.ts).
 */
import { describe, expect, it } from 'vitest';

import { pgDialect, pgRunner, prepareSchema } from '@/lib/content/postgres/connection';
import { PgIndexStore } from '@/lib/content/postgres/index-store';
import { searchPostgres } from '@/lib/content/postgres/search';
import { pgFullText } from '@/lib/content/postgres/search-index';
import { OTHERS_FROM, SearchIndex } from '@/lib/content/sql/search-index';
import type { SqlRunner } from '@/lib/content/sql/runner';
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
async function analyzedIndex(
  word = (i: number): string => (i % 20 === 0 ? 'sensor' : i < 12 ? 'oximeter' : 'update'),
  publicFrom: (i: number) => number = () => 0,
) {
  const { pool, schema } = testPool(`window${++indexes}`);
  await prepareSchema(pool, schema, '/test');
  const runner = pgRunner(pool);
  const documents = Array.from({ length: ARTICLES }, (_, i) => ({
    ...doc(i + 1, word(i)),
    publicFrom: publicFrom(i),
  }));
  await indexDocuments(runner, new SearchIndex(runner, pgDialect, pgFullText(runner)), documents);
  await runner.run('ANALYZE search_docs');
  return {
    pool,
    schema,
    runner,
    search: (q: string, db: SqlRunner = runner) =>
      searchPostgres(
        db,
        { ...EMPTY_QUERY, q, limit: 5 },
        { preview: false, now: NOW },
        { articles: 5, others: 2 },
      ),
  };
}

/** `runner`, recording each statement it is given. */
function tracing(runner: SqlRunner): { traced: SqlRunner; statements: string[] } {
  const statements: string[] = [];
  const traced: SqlRunner = {
    all: (sql, params) => (statements.push(sql), runner.all(sql, params)),
    get: (sql, params) => (statements.push(sql), runner.get(sql, params)),
    run: (sql, params) => (statements.push(sql), runner.run(sql, params)),
  };
  return { traced, statements };
}

let indexes = 0;

describe('a window read through the GIN index from the newest articles', () => {
  it('holds the newest matches when they are in the range', async () => {
    const { search } = await analyzedIndex();
    const response = await search('sensor');
    expect(response.hits.map((hit) => hit.slug)).toEqual(['a221', 'a201', 'a181', 'a161', 'a141']);
    expect(response.total).toBe(12);
  });

  it('reaches back past the range when the newest articles hold too few matches', async () => {
    const { search } = await analyzedIndex();
    const response = await search('oximeter');
    expect(response.hits.map((hit) => hit.slug)).toEqual(['a12', 'a11', 'a10', 'a9', 'a8']);
  });

  it('goes on in older ranges when only some documents of the rarest term match', async () => {
    // 'alpha' in every sixth article, 'beta' in every third: 'alpha beta' in every sixth
    // whose number is even, a twelfth of the archive, half of what the first range expects.
    const { runner, search } = await analyzedIndex((i) =>
      i % 6 === 0 ? (i % 12 === 0 ? 'alpha beta' : 'alpha') : i % 3 === 0 ? 'beta' : 'update',
    );
    const { traced, statements } = tracing(runner);
    const response = await search('alpha beta', traced);
    expect(response.hits.map((hit) => hit.slug)).toEqual(['a229', 'a217', 'a205', 'a193', 'a181']);
    // A first range of the newest articles, then an older one below it.
    expect(statements.some((sql) => sql.includes('d.rowid >= @from AND d.rowid < @to'))).toBe(true);
  });
});

describe('a window of topics read through their GIN index', () => {
  it('goes on in later ranges of rowids when the first holds too few matches', async () => {
    const { pool, schema } = testPool(`window${++indexes}`);
    await prepareSchema(pool, schema, '/test');
    const runner = pgRunner(pool);
    // As the articles above: 'alpha beta' in a twelfth of the topics, half of what 'alpha' says.
    const word = (i: number) =>
      i % 6 === 0 ? (i % 12 === 0 ? 'alpha beta' : 'alpha') : i % 3 === 0 ? 'beta' : 'update';
    const topics: TestDocument[] = Array.from({ length: ARTICLES }, (_, i) => ({
      id: `topic:t${i}`,
      type: 'topic',
      slug: `t${i}`,
      url: `/topic/t${i}`,
      title: `Topic ${i} ${word(i)}`,
      keywords: '',
      summary: '',
      body: '',
      topics: [],
      publishedAt: null,
      detail: null,
      publicFrom: 0,
    }));
    await indexDocuments(runner, new SearchIndex(runner, pgDialect, pgFullText(runner)), topics);
    await runner.run('ANALYZE search_docs');
    const { traced, statements } = tracing(runner);
    const response = await searchPostgres(
      traced,
      { ...EMPTY_QUERY, q: 'alpha beta', limit: 5 },
      { preview: false, now: NOW },
      { articles: 5, others: 2 },
    );
    // The window is the first two matches by rowid; they rank alike, the later one first.
    const first = await runner.all<{ slug: string }>(
      `SELECT slug FROM search_docs WHERE tsv @@ CAST('alpha & beta' AS tsquery) ORDER BY rowid LIMIT 2`,
    );
    expect(response.hits.map((hit) => hit.slug)).toEqual(first.map((row) => row.slug).reverse());
    expect(
      statements.some((sql) => sql.includes(`d.rowid >= ${OTHERS_FROM} AND d.rowid < @to`)),
    ).toBe(true);
  });
});

describe('a window of common words read newest first', () => {
  it('starts at the newest article the view may see', async () => {
    // The three newest articles are scheduled for tomorrow.
    const { runner } = await analyzedIndex(
      () => 'update',
      (i) => (i >= ARTICLES - 3 ? NOW + DAY : 0),
    );
    const { traced, statements } = tracing(runner);
    const find = async (view: { preview: boolean; now: number }) =>
      (
        await searchPostgres(
          traced,
          { ...EMPTY_QUERY, q: 'update', limit: 3 },
          view,
          { articles: 5, others: 2 },
          0,
        )
      ).hits.map((hit) => hit.slug);
    expect(await find({ preview: false, now: NOW })).toEqual(['a237', 'a236', 'a235']);
    expect(await find({ preview: true, now: NOW })).toEqual(['a240', 'a239', 'a238']);
    expect(await find({ preview: false, now: NOW + 2 * DAY })).toEqual(['a240', 'a239', 'a238']);
    // Before the oldest article: none to see, so none to start at.
    expect(await find({ preview: false, now: -1 })).toEqual([]);
    // Read newest first, from the newest the view may see (search.ts, NEWEST_VISIBLE).
    expect(statements.some((sql) => sql.includes('ORDER BY n.rowid DESC'))).toBe(true);
  });
});

describe('a long page of hits', () => {
  it('is marked by several statements at once, every hit of it', async () => {
    const { runner } = await analyzedIndex();
    const { traced, statements } = tracing(runner);
    const response = await searchPostgres(
      traced,
      { ...EMPTY_QUERY, q: 'update', limit: 25 },
      { preview: false, now: NOW },
    );
    // The 25 newest of the articles with 'update' (analyzedIndex()), all ranked alike.
    const newest = Array.from({ length: ARTICLES }, (_, i) => i)
      .filter((i) => i % 20 !== 0 && i >= 12)
      .reverse()
      .slice(0, 25)
      .map((i) => `a${i + 1}`);
    expect(response.hits.map((hit) => hit.slug)).toEqual(newest);
    for (const hit of response.hits) {
      expect(hit.titleHighlight).toContainEqual({ text: 'update', match: true });
    }
    expect(statements.filter((sql) => sql.includes('ts_headline')).length).toBe(3);
  });
});

describe('the rows of search_docs after an index run', () => {
  it('are put in rowid order when they are not', async () => {
    // Written oldest and newest alternately, far from rowid order.
    const { pool, schema, runner } = await analyzedIndex();
    await runner.run('CLUSTER search_docs USING search_docs_id_key');
    await runner.run('ANALYZE search_docs');
    await new PgIndexStore(pool, schema).compact();
    const rowids = (
      await runner.all<{ rowid: number }>('SELECT rowid FROM search_docs ORDER BY ctid')
    ).map((row) => row.rowid);
    expect(rowids).toEqual([...rowids].sort((a, b) => a - b));
  });
});
