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
import { byteOrder } from '../sql/search-window';

import type { Db } from './connection';
import { dataVersion, prepared } from './runner';

/** Documents kept: a few megabytes at two topics each. */
const MAX_KEPT = 20_000;

/** A document's topics: the number of each slug (Kept.slugs), and its label there. */
interface DocTopics {
  slugs: number[];
  labels: string[];
}

export interface TopicCount {
  slug: string;
  label: string;
  count: number;
}

/** How many of these documents are of each type. */
export function typesOf(db: Db, rowids: number[]): { type: SearchType; n: number }[] {
  const keeper = keptFor(db);
  const types = keeper.get(keeper.types, rowids, (missing) => {
    const rows = prepared(
      db,
      'SELECT rowid, type FROM search_docs WHERE rowid IN (SELECT value FROM json_each(?))',
    )
      .raw()
      .all(JSON.stringify(missing)) as [number, SearchType][];
    return new Map(rows);
  });
  const counts = new Map<SearchType, number>();
  for (const type of types) counts.set(type, (counts.get(type) ?? 0) + 1);
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
  const keeper = keptFor(db);
  const docs = keeper.get(keeper.topics, rowids, (missing) => {
    const found = new Map<number, DocTopics>(
      missing.map((rowid) => [rowid, { slugs: [], labels: [] }]),
    );
    const rows = prepared(
      db,
      'SELECT doc, slug, label FROM search_doc_topics WHERE doc IN (SELECT value FROM json_each(?))',
    )
      .raw()
      .all(JSON.stringify(missing)) as [number, string, string][];
    for (const [doc, slug, label] of rows) {
      const topics = found.get(doc);
      topics?.slugs.push(keeper.slugNumber(slug));
      topics?.labels.push(label);
    }
    return found;
  });
  // By slug number, every slug known by now: counted without growing an array per query.
  const articles = new Uint32Array(keeper.slugs.length);
  const others = new Uint32Array(keeper.slugs.length);
  const labels = new Array<string | undefined>(keeper.slugs.length);
  for (let i = 0; i < docs.length; i++) {
    const { slugs, labels: named } = docs[i]!;
    const counts = rowids[i]! < OTHERS_FROM ? articles : others;
    for (let j = 0; j < slugs.length; j++) {
      const slug = slugs[j]!;
      counts[slug]!++;
      const label = named[j]!;
      const least = labels[slug];
      if (least === undefined || (label !== least && byteOrder(label, least) < 0))
        labels[slug] = label;
    }
  }
  const found: TopicCount[] = [];
  labels.forEach((label, slug) => {
    if (label === undefined) return;
    const count = articles[slug]! * weights.articles + others[slug]! * weights.others;
    found.push({ slug: keeper.slugs[slug]!, label, count });
  });
  return found.sort(
    (a, b) => b.count - a.count || byteOrder(a.label, b.label) || byteOrder(a.slug, b.slug),
  );
}

/** What documents are counted by, for one connection and one state of the database. */
class Keeper {
  readonly types = new Map<number, { value: SearchType; used: number }>();
  readonly topics = new Map<number, { value: DocTopics; used: number }>();
  /** Topic slugs by number, kept as numbers in DocTopics. */
  readonly slugs: string[] = [];
  private readonly numbers = new Map<string, number>();
  private uses = 0;

  constructor(
    /** The database's version and this connection's own changes when it was made. */
    readonly key: string,
  ) {}

  slugNumber(slug: string): number {
    let number = this.numbers.get(slug);
    if (number === undefined) {
      number = this.slugs.push(slug) - 1;
      this.numbers.set(slug, number);
    }
    return number;
  }

  /** The value of each of `rowids`, in order: kept, else read (and kept). */
  get<T>(
    kept: Map<number, { value: T; used: number }>,
    rowids: number[],
    read: (missing: number[]) => Map<number, T>,
  ): T[] {
    const use = ++this.uses;
    const missing: number[] = [];
    for (const rowid of rowids) {
      const entry = kept.get(rowid);
      if (entry) entry.used = use;
      else missing.push(rowid);
    }
    if (missing.length > 0) {
      for (const [rowid, value] of read(missing)) kept.set(rowid, { value, used: use });
    }
    const values = rowids.map((rowid) => kept.get(rowid)!.value);
    if (kept.size > MAX_KEPT) this.letGo(kept);
    return values;
  }

  /** The least recently used, down to three quarters of MAX_KEPT: a sort now and then. */
  private letGo<T>(kept: Map<number, { value: T; used: number }>): void {
    const byUse = [...kept].sort(([, a], [, b]) => a.used - b.used);
    for (const [rowid] of byUse.slice(0, kept.size - Math.floor(MAX_KEPT * 0.75))) {
      kept.delete(rowid);
    }
  }
}

const keepers = new WeakMap<Db, Keeper>();

function keptFor(db: Db): Keeper {
  const version = dataVersion(db);
  const own = prepared(db, 'SELECT total_changes()').pluck().get() as number;
  const key = `${version};${own}`;
  let keeper = keepers.get(db);
  if (keeper?.key !== key) keepers.set(db, (keeper = new Keeper(key)));
  return keeper;
}
