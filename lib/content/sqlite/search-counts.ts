/**
 * The type and topic counts of a query's windows. Counted in SQL, they read a row per document
 * (search_docs, for the type) and per topic of each document (search_doc_topics, by the (doc)
 * index and then the table) of windows of 1,500 documents: at 100,000 articles a third or more
 * of a query's time. The newest articles are in the window of most queries, so what a document
 * is counted by is kept once read, per connection, for up to MAX_KEPT documents and until the
 * database changes; a query reads only the documents not kept.
 */
import type { SearchType } from '../../search/types';
import { OTHERS_FROM } from '../sql/search-index';

import type { Db } from './connection';

/** Documents kept: about 2 MB at two topics each. */
const MAX_KEPT = 20_000;

interface DocTopic {
  slug: string;
  label: string;
}

export interface TopicCount {
  slug: string;
  label: string;
  count: number;
}

/** How many of these documents are of each type. */
export function typesOf(db: Db, rowids: number[]): { type: SearchType; n: number }[] {
  const types = kept(db, 'types', rowids, (missing) => {
    const rows = db
      .prepare(
        'SELECT rowid, type FROM search_docs WHERE rowid IN (SELECT value FROM json_each(?))',
      )
      .raw()
      .all(JSON.stringify(missing)) as [number, SearchType][];
    return new Map(rows);
  });
  const counts = new Map<SearchType, number>();
  for (const type of types.values()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return [...counts].map(([type, n]) => ({ type, n }));
}

/**
 * Each topic of these documents, counting an article as `articles` and a topic or offering as
 * `others`; largest first, then by label and slug in SQLite's binary order.
 */
export function topicsOf(
  db: Db,
  rowids: number[],
  weights: { articles: number; others: number },
): TopicCount[] {
  const topics = kept(db, 'topics', rowids, (missing) => {
    const found = new Map<number, DocTopic[]>(missing.map((rowid) => [rowid, []]));
    const rows = db
      .prepare(
        'SELECT doc, slug, label FROM search_doc_topics WHERE doc IN (SELECT value FROM json_each(?))',
      )
      .raw()
      .all(JSON.stringify(missing)) as [number, string, string][];
    for (const [doc, slug, label] of rows) found.get(doc)?.push({ slug, label });
    return found;
  });
  const bySlug = new Map<string, { label: string; articles: number; others: number }>();
  for (const [rowid, docTopics] of topics) {
    for (const { slug, label } of docTopics) {
      let entry = bySlug.get(slug);
      if (!entry) bySlug.set(slug, (entry = { label, articles: 0, others: 0 }));
      if (label !== entry.label && binary(label, entry.label) < 0) entry.label = label;
      if (rowid < OTHERS_FROM) entry.articles++;
      else entry.others++;
    }
  }
  return [...bySlug]
    .map(([slug, { label, articles, others }]) => ({
      slug,
      label,
      count: articles * weights.articles + others * weights.others,
    }))
    .sort((a, b) => b.count - a.count || binary(a.label, b.label) || binary(a.slug, b.slug));
}

interface Kept {
  /** The database's version and this connection's own changes when they were read. */
  key: string;
  types: Map<number, SearchType>;
  topics: Map<number, DocTopic[]>;
}

const keptBy = new WeakMap<Db, Kept>();

/**
 * What these documents are counted by (each once): kept, else read (and kept, the least
 * recently used let go).
 */
function kept<K extends 'types' | 'topics'>(
  db: Db,
  kind: K,
  rowids: number[],
  read: (missing: number[]) => Kept[K],
): Kept[K] {
  const version = db.pragma('data_version', { simple: true }) as number;
  const own = db.prepare('SELECT total_changes()').pluck().get() as number;
  const key = `${version};${own}`;
  let entry = keptBy.get(db);
  if (entry?.key !== key) keptBy.set(db, (entry = { key, types: new Map(), topics: new Map() }));
  const all = entry[kind] as Map<number, unknown>;
  const found = new Map<number, unknown>();
  const missing: number[] = [];
  for (const rowid of rowids) {
    const known = all.get(rowid);
    if (known === undefined) {
      missing.push(rowid);
      continue;
    }
    found.set(rowid, known);
    // Used again: to the end of the Map's order, the last to go.
    all.delete(rowid);
    all.set(rowid, known);
  }
  if (missing.length > 0) {
    for (const [rowid, value] of read(missing) as Map<number, unknown>) {
      found.set(rowid, value);
      all.set(rowid, value);
    }
    for (const rowid of all.keys()) {
      if (all.size <= MAX_KEPT) break;
      all.delete(rowid);
    }
  }
  return found as Kept[K];
}

/** SQLite's BINARY collation: UTF-8 bytes, which UTF-16 units order alike below U+D800. */
function binary(a: string, b: string): number {
  if (a === b) return 0;
  if (ASCII.test(a) && ASCII.test(b)) return a < b ? -1 : 1;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

const ASCII = /^[\x00-\x7f]*$/;
