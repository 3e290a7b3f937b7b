/**
 * What search reads of each document of a query's windows: its type and topics for the counts,
 * and its folded title and keywords for the scorer (search-score.ts). Read in SQL, a row per
 * document (search_docs, search_headings) and per topic of each document (search_doc_topics, by
 * the (doc) index and then the table) of windows of 1,500 documents: at 100,000 articles a third
 * or more of a query's time. The newest articles are in the window of most queries, so what is
 * read of a document is kept, per connection, for up to MAX_KEPT documents and until the
 * database changes; a query reads only the documents not kept.
 */
import type { SearchType } from '../../search/types';
import { OTHERS_FROM } from '../sql/search-index';
import { byteOrder, type TopicsWanted } from '../sql/search-window';

import type { Db } from './connection';
import { dataVersion, prepared } from './runner';

/** Documents kept: a few megabytes for their topics, and as much for their titles and keywords. */
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

/** Each document's title and keywords as search_headings holds them (folded), in order. */
export function headingsOf(db: Db, rowids: number[]): Heading[] {
  const keeper = keptFor(db);
  return keeper.get(keeper.headings, rowids, (missing) => {
    const found = new Map<number, Heading>(missing.map((rowid) => [rowid, NO_HEADING]));
    const rows = prepared(
      db,
      'SELECT rowid, title, keywords FROM search_headings WHERE rowid IN (SELECT value FROM json_each(?))',
    )
      .raw()
      .all(JSON.stringify(missing)) as [number, string, string][];
    for (const [rowid, title, keywords] of rows) found.set(rowid, [title, keywords]);
    return found;
  });
}

export type Heading = [title: string, keywords: string];
const NO_HEADING: Heading = ['', ''];

/**
 * The topics of these documents, counting an article as `articles` and a topic or offering as
 * `others`: the `most` largest (then by label and slug in SQLite's binary order), and the
 * topic `slug` after them when it is not among them.
 */
export function topicsOf(
  db: Db,
  rowids: number[],
  weights: { articles: number; others: number },
  wanted: TopicsWanted,
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
  // The first `most` in order, kept sorted as they are found: sorting every topic of a window
  // (hundreds) took longer than counting them.
  const first: TopicCount[] = [];
  let selected: TopicCount | null = null;
  labels.forEach((label, number) => {
    if (label === undefined) return;
    const count = articles[number]! * weights.articles + others[number]! * weights.others;
    const slug = keeper.slugs[number]!;
    const topic = { slug, label, count };
    if (slug === wanted.slug) selected = topic;
    if (first.length === wanted.most && topicOrder(topic, first.at(-1)!) >= 0) return;
    let at = first.length;
    while (at > 0 && topicOrder(topic, first[at - 1]!) < 0) at--;
    first.splice(at, 0, topic);
    if (first.length > wanted.most) first.pop();
  });
  return selected && !first.includes(selected) ? [...first, selected] : first;
}

/** Largest first, then by label and slug in SQLite's binary order. */
function topicOrder(a: TopicCount, b: TopicCount): number {
  return b.count - a.count || byteOrder(a.label, b.label) || byteOrder(a.slug, b.slug);
}

/** What documents are counted by, for one connection and one state of the database. */
class Keeper {
  readonly types = new Map<number, { value: SearchType; used: number }>();
  readonly topics = new Map<number, { value: DocTopics; used: number }>();
  readonly headings = new Map<number, { value: Heading; used: number }>();
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
    // One look-up a document: a window's rowids are past V8's small integers, and each look-up
    // hashes a float.
    const values = new Array<T>(rowids.length);
    const missing: number[] = [];
    for (let i = 0; i < rowids.length; i++) {
      const entry = kept.get(rowids[i]!);
      if (entry) {
        entry.used = use;
        values[i] = entry.value;
      } else missing.push(i);
    }
    if (missing.length > 0) {
      const found = read(missing.map((i) => rowids[i]!));
      for (const i of missing) {
        const value = found.get(rowids[i]!)!;
        values[i] = value;
        kept.set(rowids[i]!, { value, used: use });
      }
    }
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
