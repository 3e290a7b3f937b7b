/**
 * The topic counts of a query's windows. Counted in SQL, they read a row of search_doc_topics
 * for each topic of each of a window's 1,500 documents, by the (doc) index and then the table:
 * at 100,000 articles a third or more of a query's time. The newest articles are in the window
 * of most queries, so each document's topics are kept once read, per connection, for up to
 * MAX_KEPT documents and until the database changes; a query reads only the documents not kept.
 */
import { OTHERS_FROM } from '../sql/search-index';

import type { Db } from './connection';

/** Documents whose topics are kept: about 2 MB at two topics each. */
const MAX_KEPT = 20_000;

interface DocTopic {
  slug: string;
  label: string;
}

interface Kept {
  /** The database's version and this connection's own changes when they were read. */
  key: string;
  topics: Map<number, DocTopic[]>;
}

const kept = new WeakMap<Db, Kept>();

export interface TopicCount {
  slug: string;
  label: string;
  count: number;
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
  const topics = keptTopics(db, rowids);
  const bySlug = new Map<string, { label: string; articles: number; others: number }>();
  for (const rowid of rowids) {
    for (const { slug, label } of topics.get(rowid) ?? []) {
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

/** The topics of these documents: kept, else read (and kept, the least recently used let go). */
function keptTopics(db: Db, rowids: number[]): Map<number, DocTopic[]> {
  const version = db.pragma('data_version', { simple: true }) as number;
  const own = db.prepare('SELECT total_changes()').pluck().get() as number;
  const key = `${version};${own}`;
  let entry = kept.get(db);
  if (entry?.key !== key) kept.set(db, (entry = { key, topics: new Map() }));
  const { topics } = entry;
  const found = new Map<number, DocTopic[]>();
  const missing: number[] = [];
  for (const rowid of rowids) {
    const known = topics.get(rowid);
    if (known) {
      found.set(rowid, known);
      // Used again: to the end of the Map's order, the last to go.
      topics.delete(rowid);
      topics.set(rowid, known);
    } else missing.push(rowid);
  }
  if (missing.length === 0) return found;
  for (const rowid of missing) found.set(rowid, []);
  const rows = db
    .prepare(
      'SELECT doc, slug, label FROM search_doc_topics WHERE doc IN (SELECT value FROM json_each(?))',
    )
    .raw()
    .all(JSON.stringify(missing)) as [number, string, string][];
  for (const [doc, slug, label] of rows) found.get(doc)?.push({ slug, label });
  for (const rowid of missing) topics.set(rowid, found.get(rowid)!);
  for (const rowid of topics.keys()) {
    if (topics.size <= MAX_KEPT) break;
    topics.delete(rowid);
  }
  return found;
}

/** SQLite's BINARY collation: UTF-8 bytes, which UTF-16 units order alike below U+D800. */
function binary(a: string, b: string): number {
  if (a === b) return 0;
  if (ASCII.test(a) && ASCII.test(b)) return a < b ? -1 : 1;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

const ASCII = /^[\x00-\x7f]*$/;
