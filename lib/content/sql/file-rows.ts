/**
 * What one file contributed to the site, read back and taken out, as the indexer needs it to
 * redo that file and whatever depends on it: what the pages showed of it (touchOf, for the
 * pages to refresh), the profiles references resolve with, the files that name a topic,
 * offering or author (they link differently when a profile changes), and unlink, which
 * removes every row the file made so that it can be written again on its own.
 */
import type { Profiles } from '../indexer/store';
import type { Touch } from '../touched-paths';
import type { TopicRef } from '../types';

import { column, value, type SqlRunner } from './runner';
import type { SearchIndex } from './search-index';

/** The slug of the row of `table` that `file` made. */
export function slugOf(db: SqlRunner, table: string, file: string): Promise<string | undefined> {
  return value<string>(db, `SELECT slug FROM ${table} WHERE file = ?`, [file]);
}

export async function touchOf(db: SqlRunner, file: string): Promise<Touch | null> {
  const article = await db.get<{
    slug: string;
    card: string;
    source_brand: string | null;
    published_at: string;
    modified_at: string;
  }>('SELECT slug, card, source_brand, published_at, modified_at FROM articles WHERE file = ?', [
    file,
  ]);
  if (article) {
    const card = JSON.parse(article.card) as { image: { src: string } | null; aliases: string[] };
    const slugs = (table: string, key: string) =>
      column<string>(db, `SELECT ${key} FROM ${table} WHERE article_slug = ? ORDER BY position`, [
        article.slug,
      ]);
    return {
      kind: 'article',
      slug: article.slug,
      topics: await slugs('article_topics', 'topic_slug'),
      offerings: await slugs('article_offerings', 'offering_slug'),
      authors: await slugs('article_authors', 'author_slug'),
      source: article.source_brand,
      aliases: card.aliases,
      image: card.image?.src ?? null,
      publishedAt: article.published_at,
      modifiedAt: article.modified_at,
    };
  }
  const author = await db.get<{ slug: string; name_key: string; card: string }>(
    'SELECT slug, name_key, card FROM authors WHERE file = ?',
    [file],
  );
  if (author) {
    const card = JSON.parse(author.card) as { photo: { src: string } | null };
    return {
      kind: 'author',
      slug: author.slug,
      key: author.name_key,
      photo: card.photo?.src ?? null,
    };
  }
  const topic = await slugOf(db, 'topics', file);
  if (topic) return { kind: 'topic', slug: topic };
  const offering = await slugOf(db, 'offerings', file);
  if (offering) {
    return {
      kind: 'offering',
      slug: offering,
      topics: await column<string>(
        db,
        'SELECT topic_slug FROM offering_topics WHERE offering_slug = ?',
        [offering],
      ),
      namedBy: await column<string>(
        db,
        'SELECT article_slug FROM article_offerings WHERE offering_slug = ?',
        [offering],
      ),
    };
  }
  return null;
}

export async function unlink(db: SqlRunner, search: SearchIndex, file: string): Promise<void> {
  const article = await slugOf(db, 'articles', file);
  if (article) {
    await search.remove(`article:${article}`);
    for (const table of [
      'article_topics',
      'article_offerings',
      'article_authors',
      'article_offering_topics',
    ]) {
      await db.run(`DELETE FROM ${table} WHERE article_slug = ?`, [article]);
    }
    await db.run('DELETE FROM articles WHERE slug = ?', [article]);
  }
  const topic = await slugOf(db, 'topics', file);
  if (topic) {
    await search.remove(`topic:${topic}`);
    await db.run('DELETE FROM topics WHERE slug = ?', [topic]);
  }
  const offering = await slugOf(db, 'offerings', file);
  if (offering) {
    await search.remove(`offering:${offering}`);
    await db.run('DELETE FROM offering_topics WHERE offering_slug = ?', [offering]);
    await db.run('DELETE FROM offerings WHERE slug = ?', [offering]);
  }
  await db.run('DELETE FROM authors WHERE file = ?', [file]);
  for (const table of ['alias_claims', 'assets', 'link_problems', 'slug_claims']) {
    await db.run(`DELETE FROM ${table} WHERE file = ?`, [file]);
  }
}

export async function profiles(db: SqlRunner): Promise<Profiles> {
  return {
    topics: await db.all<TopicRef>('SELECT slug, name, label FROM topics'),
    offerings: await db.all<Profiles['offerings'][number]>(
      'SELECT slug, offering_id AS "offeringId" FROM offerings',
    ),
    authors: await db.all<Profiles['authors'][number]>(
      'SELECT slug, name_key AS key FROM authors ORDER BY file',
    ),
  };
}

export async function filesNaming(
  db: SqlRunner,
  topics: { slugs: string[]; names: string[] },
  offerings: { slugs: string[]; ids: number[] },
  authorKeys: string[],
): Promise<string[]> {
  const files = new Set<string>();
  const add = async (sql: string, values: unknown[]) => {
    for (const value of values) {
      for (const file of await column<string>(db, sql, [value])) files.add(file);
    }
  };
  await add('SELECT DISTINCT file FROM article_topics WHERE topic_slug = ?', topics.slugs);
  await add(
    'SELECT DISTINCT file FROM article_topics WHERE name = ? AND slug_from_url = 0',
    topics.names,
  );
  await add(
    'SELECT file FROM offerings o JOIN offering_topics t ON t.offering_slug = o.slug WHERE t.topic_slug = ?',
    topics.slugs,
  );
  await add(
    'SELECT file FROM offerings o JOIN offering_topics t ON t.offering_slug = o.slug WHERE t.name = ?',
    topics.names,
  );
  await add('SELECT DISTINCT file FROM article_offerings WHERE offering_slug = ?', offerings.slugs);
  await add('SELECT DISTINCT file FROM article_offerings WHERE offering_id = ?', offerings.ids);
  await add('SELECT DISTINCT file FROM article_authors WHERE name_key = ?', authorKeys);
  return [...files];
}
