/**
 * Scores for queries of common words, which neither engine ranks exactly over a large archive
 * (SQLite's bm25() would count them across the whole archive, PostgreSQL's ts_rank read every
 * vector of the window whole; lib/content/sqlite/search-score.ts,
 * lib/content/postgres/search-score.ts): `exactUpTo` 0 takes every word for a common one, so
 * these small indexes are scored as a large one's common words are. The ranking contract of
 * tests/search/relevance.test.ts holds there too, except that repeats in the body are not
 * counted.
 */
import { describe, expect, it } from 'vitest';

import { ARTICLE_WINDOW, OTHER_WINDOW } from '@/lib/content/sql/search-window';
import { EMPTY_QUERY } from '@/lib/search/query';

import { engineUnderTest, type TestDocument } from '../support/search-engine';

const createSearchEngine = await engineUnderTest();

const NOW = Date.parse('2026-01-15T12:00:00Z');

function doc(slug: string, fields: Partial<TestDocument> = {}): TestDocument {
  return {
    id: `article:${slug}`,
    type: 'article',
    slug,
    url: `/article/${slug}`,
    title: `Story ${slug}`,
    keywords: '',
    summary: '',
    body: 'Filler text about hospitals and staff.',
    topics: [],
    publishedAt: '2026-01-01T00:00:00.000Z',
    detail: null,
    publicFrom: NOW - 86_400_000,
    ...fields,
  };
}

async function slugs(documents: TestDocument[], q: string): Promise<string[]> {
  const engine = createSearchEngine(
    documents,
    { articles: ARTICLE_WINDOW, others: OTHER_WINDOW },
    0,
  );
  const response = await engine.search({ ...EMPTY_QUERY, q }, { preview: false, now: NOW });
  return response.hits.map((hit) => hit.slug);
}

/** A day before doc()'s date: a match dated so loses a tie, so that only its score puts it first. */
const OLDER = '2025-12-31T00:00:00.000Z';

describe('ranking common words', () => {
  it('puts a title match above a body match, however often the body repeats the word', async () => {
    const documents = [
      doc('body', { title: 'Hospital news', body: 'Glucose sensors. Glucose data. More glucose.' }),
      doc('title', {
        title: 'Glucose sensor approved',
        body: 'The device was approved.',
        publishedAt: OLDER,
      }),
    ];
    expect(await slugs(documents, 'glucose')).toEqual(['title', 'body']);
  });

  it('ranks the word itself above longer words that start with it', async () => {
    const documents = [
      doc('exact', { title: 'Care apps', body: 'Care teams use apps.' }),
      doc('longer', { title: 'Caregiver apps', body: 'Caregivers use apps.' }),
    ];
    expect(await slugs(documents, 'care')).toEqual(['exact', 'longer']);
  });

  it('takes a word inside a longer word of the title for no title match', async () => {
    const documents = [
      doc('inside', { title: 'Healthcare budgets', body: 'Care costs rose.' }),
      doc('title', { title: 'Care budgets', body: 'Costs rose.', publishedAt: OLDER }),
    ];
    expect(await slugs(documents, 'care budgets')).toEqual(['title', 'inside']);
  });

  it('puts a keyword match above a body match', async () => {
    const documents = [
      doc('body', { body: 'Luscii makes remote monitoring kits.' }),
      doc('keywords', { keywords: 'Luscii', body: 'Remote monitoring kits.', publishedAt: OLDER }),
    ];
    expect(await slugs(documents, 'luscii')).toEqual(['keywords', 'body']);
  });

  it('puts the exact phrase above the same words scattered, a phrase being typed too', async () => {
    const documents = [
      doc('phrase', {
        body: 'Groups praised the clinics, and remote patient monitoring will follow next year.',
      }),
      doc('scattered', {
        body: 'Patient groups praised the remote clinics, and monitoring will follow next year.',
      }),
    ];
    expect(await slugs(documents, 'remote patient monitoring')).toEqual(['phrase', 'scattered']);
    expect(await slugs(documents, 'remote patient moni')).toEqual(['phrase', 'scattered']);
    expect(await slugs(documents, 'monitoring patient remote')).toEqual(['scattered', 'phrase']);
  });

  it('boosts a phrase in the title above the same phrase in the body', async () => {
    const documents = [
      doc('body', {
        title: 'Virtual wards',
        body: 'A story about the digital front door for hospitals.',
      }),
      doc('title', {
        title: 'Digital front door for hospitals',
        body: 'Virtual wards and more, front to back.',
        publishedAt: OLDER,
      }),
    ];
    expect(await slugs(documents, 'digital front door')).toEqual(['title', 'body']);
  });

  it('puts the newer of two equal matches first', async () => {
    const documents = [
      doc('older', { title: 'Sensor news', publishedAt: '2025-12-01T00:00:00.000Z' }),
      doc('newer', { title: 'Sensor news', publishedAt: '2025-12-02T00:00:00.000Z' }),
    ];
    expect(await slugs(documents, 'sensor')).toEqual(['newer', 'older']);
  });
});
