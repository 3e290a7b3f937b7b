/**
 * SQLite keeps each document's topics once read, for the topic counts
 * (lib/content/sqlite/search-counts.ts): the counts must follow every change all the same,
 * here one made on the searching connection itself after a search. Only the largest are
 * ordered (and the one filtered by): they must be the first of the whole order all the same.
 */
import { describe, expect, it } from 'vitest';

import { openContentDb } from '@/lib/content/sqlite/connection';
import { sqliteDialect, sqliteRunner } from '@/lib/content/sqlite/runner';
import { searchSqlite } from '@/lib/content/sqlite/search';
import { sqliteFullText } from '@/lib/content/sqlite/search-index';
import { SearchIndex, type IndexedDocument } from '@/lib/content/sql/search-index';
import { EMPTY_QUERY } from '@/lib/search/query';

const NOW = Date.parse('2026-01-15T12:00:00Z');
const RPM = { slug: 'medigy-rpm', name: 'Medigy: RPM', label: 'RPM' };
const CARE = { slug: 'medigy-care', name: 'Medigy: Care', label: 'Care' };

function article(slug: string, topics: IndexedDocument['topics']): IndexedDocument {
  return {
    id: `article:${slug}`,
    type: 'article',
    slug,
    url: `/news/${slug}`,
    title: `Telehealth story ${slug}`,
    keywords: '',
    summary: '',
    body: 'Remote monitoring for rural clinics.',
    detail: null,
    publishedAt: '2026-01-01T00:00:00.000Z',
    publicFrom: 0,
    topics,
    conditional: false,
  };
}

describe('topic counts', () => {
  it('follow documents changed after a search', async () => {
    const { db } = openContentDb(':memory:', '/test');
    const index = new SearchIndex(sqliteRunner(db), sqliteDialect, sqliteFullText(db));
    const counts = async () =>
      (
        await searchSqlite(db, { ...EMPTY_QUERY, q: 'telehealth' }, { preview: false, now: NOW })
      ).counts.topic.map(({ slug, count }) => [slug, count]);
    await index.add(article('a', [RPM]));
    await index.add(article('b', [RPM, CARE]));
    expect(await counts()).toEqual([
      ['medigy-rpm', 2],
      ['medigy-care', 1],
    ]);
    await index.add(article('b', [CARE]));
    await index.add(article('c', [CARE]));
    expect(await counts()).toEqual([
      ['medigy-care', 2],
      ['medigy-rpm', 1],
    ]);
    await index.remove('article:c');
    expect(await counts()).toEqual([
      ['medigy-care', 1],
      ['medigy-rpm', 1],
    ]);
  });

  it('are the largest in order, ties by label, and the filtered topic after them', async () => {
    const { db } = openContentDb(':memory:', '/test');
    const index = new SearchIndex(sqliteRunner(db), sqliteDialect, sqliteFullText(db));
    // Three topics to each count (30 down to 3), one tie across the 20th place, and labels that
    // order each tie the reverse of the order the topics are found in.
    const topics = Array.from({ length: 30 }, (_, n) => ({
      slug: `topic-${n}`,
      name: `Topic ${n}`,
      label: `Label ${String.fromCharCode(90 - n)}`,
    }));
    for (let a = 0; a < 30; a++) {
      const own = topics.filter((_, n) => Math.floor(n / 3) * 3 <= a);
      await index.add(article(`a${a}`, own));
    }
    const search = async (topic: string | null) =>
      (
        await searchSqlite(
          db,
          { ...EMPTY_QUERY, q: 'telehealth', topic },
          { preview: false, now: NOW },
        )
      ).counts.topic;
    const everyTopic = topics
      .map((topic, n) => ({
        slug: topic.slug,
        label: topic.label,
        count: 30 - Math.floor(n / 3) * 3,
      }))
      .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));

    expect(await search(null)).toEqual(everyTopic.slice(0, 20));
    expect((await search('topic-29')).map((topic) => topic.slug)).toEqual([
      ...everyTopic.slice(0, 20).map((topic) => topic.slug),
      'topic-29',
    ]);
  });
});
