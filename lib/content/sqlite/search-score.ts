/**
 * Scores a window of FTS5 matches at a cost that does not grow with the archive.
 *
 * FTS5's bm25() counts, on its first call in a statement, the documents holding each string of
 * the query by reading that string's whole list: for a common word or a short prefix that is a
 * read of most of the archive, whatever the LIMIT. So the window's rowids are selected without
 * it (newest first, which stops after the window), and each string's document count is counted
 * only up to EXACT_UP_TO:
 * - when every term of the query is rarer than that, bm25() is cheap and scores the window
 *   exactly (term frequency and document length included);
 * - otherwise the score is bm25's formula over what can be read within the window: in which of
 *   the title and keywords each term is (from column-filtered queries over the window's rowid
 *   range, narrowed by a rarer term where that range is wide), whether it is there as the word
 *   itself or only as longer words, whether the whole phrase is there and in the title, and
 *   document counts estimated from how far back the newest EXACT_UP_TO matches reach. Each repeat of a word and the document's length are
 *   not known there; the title still outweighs any body, the word itself a longer word, and the
 *   whole phrase the words scattered.
 */
import { MAX_QUERY_TERMS } from '../../search/plan';
import {
  COLUMN_WEIGHTS,
  ELSEWHERE,
  EXACT_UP_TO,
  idf as idfAmong,
  saturate,
  termFrequency,
} from '../sql/search-estimate';
import { OTHERS_FROM } from '../sql/search-index';
import { PHRASE_BOOST, type Scored } from '../sql/search-window';

import type { Db } from './connection';
import { dataVersion, prepared } from './runner';
import { headingsOf } from './search-counts';
import { inColumns, inText, type TermForms, type TextTest } from './search-expression';

/** A string's document count is exact below this; bm25() reads this many entries at most. */
export { EXACT_UP_TO };
/** bm25 weights of title, keywords (vendor, topics, source), summary, body and tags (never). */
export const WEIGHTS = [...Object.values(COLUMN_WEIGHTS), 0.0] as const;

/** The matches being scored: newest articles (descending rowids) or topics and offerings. */
export interface ScoredWindow {
  part: 'articles' | 'others';
  members: Scored[];
}

/**
 * A window as the scorer reads it: its members by rowid (for a binary search) and the range of
 * their rowids, found once; what holds a term is a flag per member. (Search allocates little
 * in the server's small young generation: each scavenge during a query copies what the query
 * holds, and a typed array's contents are not on V8's heap.)
 */
interface Frame extends ScoredWindow {
  /** The members' rowids in ascending order, and the member each one is. */
  ascending: Float64Array;
  member: Uint32Array;
  from: number;
  to: number;
}

function frameOf(window: ScoredWindow): Frame {
  const { members } = window;
  // Typed arrays filled by loops: their from() goes through an iterator, allocating per item.
  const member = new Uint32Array(members.length);
  for (let i = 0; i < members.length; i++) member[i] = i;
  member.sort((a, b) => members[a]!.rowid - members[b]!.rowid);
  const ascending = new Float64Array(members.length);
  for (let i = 0; i < members.length; i++) ascending[i] = members[member[i]!]!.rowid;
  return { ...window, ascending, member, from: ascending[0]!, to: ascending.at(-1)! };
}

/** The member whose rowid this is, or -1. */
function memberOf(window: Frame, rowid: number): number {
  let low = 0;
  let high = window.ascending.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (window.ascending[middle]! < rowid) low = middle + 1;
    else high = middle;
  }
  return window.ascending[low] === rowid ? window.member[low]! : -1;
}

/** One flag per member. */
type Flags = Uint8Array;

/** The query as the scorer needs it: its terms' strings and the whole phrase's. */
export interface ScoredQuery {
  /** The query's FTS5 expression, within the filters: every window member matches it. */
  match: string;
  terms: TermForms[];
  phrase: string[] | null;
  /** Where the whole phrase is in a folded title. */
  phrasePattern: TextTest | null;
}

/**
 * Which of the query's terms each member holds in the title, and in the keywords, as bits
 * (term i is 1 << i), and whether the title holds the whole phrase (PHRASE): read from the
 * texts, which are then let go rather than kept through the query.
 */
interface Headings {
  title: Int32Array;
  keywords: Int32Array;
}

/** The whole phrase's bit, past the terms' (MAX_QUERY_TERMS of them). */
const PHRASE = 1 << MAX_QUERY_TERMS;

export class WindowScorer {
  constructor(
    private readonly db: Db,
    private readonly stats: CorpusStats,
    private readonly exactUpTo = EXACT_UP_TO,
  ) {}

  /** Sets each member's score, the phrase boost included. */
  score(scored: ScoredWindow, query: ScoredQuery): void {
    if (scored.members.length === 0) return;
    const window = frameOf(scored);
    const counts = query.terms.map((term) => this.documents(inText(term.all)));
    // A phrase's own count is no measure of its cost: FTS5 finds it by reading its words' lists.
    if (counts.every((count) => count < this.exactUpTo)) {
      this.exact(window, query.terms.map((term) => inText(term.all)).join(' AND '), 1);
      if (query.phrase) this.exact(window, inText(query.phrase), PHRASE_BOOST);
      return;
    }
    const headings = query.terms.length > 1 ? this.headings(window, query) : null;
    query.terms.forEach((term, i) => this.approximate(window, query, term, 1 << i, headings));
    if (query.phrase) this.approximatePhrase(window, query, query.phrase, headings);
  }

  /**
   * For a query of several terms, the members that hold any of them in the title or the
   * keywords (one FTS5 query for both), with those members' titles and keywords: which of the
   * terms (and whether the whole phrase) each of the two holds is then read there, not asked
   * of FTS5 once per term and column.
   */
  private headings(window: Frame, query: ScoredQuery): Headings {
    const all = query.terms.flatMap((term) => term.all);
    const bound = query.terms.reduce((sum, term) => sum + this.inPart(inText(term.all), window), 0);
    const holding = this.within(window, query, inColumns('title keywords', all), bound);
    const holders = window.members.filter((_, i) => holding[i]).map((member) => member.rowid);
    // Folded when indexed (search-index.ts), and kept for the documents of recent windows.
    const texts = headingsOf(this.db, holders);
    const terms = (text: string) =>
      query.terms.reduce((held, term, i) => (term.pattern.test(text) ? held | (1 << i) : held), 0);
    const size = window.members.length;
    const headings: Headings = { title: new Int32Array(size), keywords: new Int32Array(size) };
    for (let k = 0; k < holders.length; k++) {
      const i = memberOf(window, holders[k]!);
      const [title, keywords] = texts[k]!;
      headings.title[i] = terms(title) | (query.phrasePattern?.test(title) ? PHRASE : 0);
      headings.keywords[i] = terms(keywords);
    }
    return headings;
  }

  /**
   * Adds bm25() of `expression` (no filters: their strings would be counted too), times
   * `factor`, to the members that match it. Each of its terms is in fewer than `exactUpTo`
   * documents, which is all bm25() reads to count them.
   */
  private exact(window: Frame, expression: string, factor: number): void {
    const weights = WEIGHTS.join(', ');
    const rows = this.db
      .prepare(
        `SELECT rowid, -bm25(search_fts, ${weights}) AS score FROM search_fts
         WHERE search_fts MATCH ? AND ${range(window)} ORDER BY rowid`,
      )
      .all(expression) as Scored[];
    for (const row of rows) {
      const i = memberOf(window, row.rowid);
      if (i >= 0) window.members[i]!.score += factor * row.score;
    }
  }

  /** bm25's formula for one term, from its columns within the window. */
  private approximate(
    window: Frame,
    query: ScoredQuery,
    term: TermForms,
    bit: number,
    headings: Headings | null,
  ): void {
    const text = inText(term.all);
    const [inTitle, inKeywords] = headings
      ? [holding(headings.title, bit), holding(headings.keywords, bit)]
      : [
          this.within(window, query, inColumns('title', term.all), this.inPart(text, window)),
          this.within(window, query, inColumns('keywords', term.all), this.inPart(text, window)),
        ];
    const all = idf(this.stats, this.documents(text));
    // As in bm25() over `"care" OR "care"*`, the word itself counts once more than a longer
    // one. Read as the members that hold it: `NOT` would read on past the window's range for as
    // long as every document holds the word (FTS5 bounds the range only between matches).
    const exact = inText(term.exact);
    const exactDocuments = this.documents(exact);
    const exactIdf = idf(this.stats, exactDocuments);
    const withExact =
      term.all.length > term.exact.length && exactDocuments > 0
        ? this.within(window, query, exact, this.inPart(exact, window))
        : null;
    window.members.forEach((member, i) => {
      const saturated = saturate(termFrequency(inTitle[i] === 1, inKeywords[i] === 1));
      member.score += all * saturated;
      if (withExact?.[i]) member.score += exactIdf * saturated;
    });
  }

  /**
   * The phrase boost when its words are common: whether it is whole in the title, or elsewhere.
   * Its document count is the share of the window that holds it, of the rarest term's.
   */
  private approximatePhrase(
    window: Frame,
    query: ScoredQuery,
    phrases: string[],
    headings: Headings | null,
  ): void {
    // No more documents than the rarest term: counted as that.
    const rarest = this.rarest(query);
    const inTitle =
      headings && query.phrasePattern
        ? holding(headings.title, PHRASE)
        : this.within(window, query, inColumns('title', phrases), this.inPart(rarest, window));
    const whole = this.within(window, query, inText(phrases), this.inPart(rarest, window));
    const holders = whole.reduce((sum, flag) => sum + flag, 0);
    const documents = Math.round((this.documents(rarest) * holders) / window.members.length);
    const weight = PHRASE_BOOST * idf(this.stats, documents);
    window.members.forEach((member, i) => {
      if (inTitle[i]) member.score += weight * saturate(COLUMN_WEIGHTS.title + ELSEWHERE);
      else if (whole[i]) member.score += weight * saturate(ELSEWHERE);
    });
  }

  /**
   * The members that match `expression`, read within the window's rowid range. When the
   * expression's documents in that range would be many more than the window holds (a common
   * word in the window of a rare one), the window's own expression is added: FTS5 then skips
   * along the rarest list as the window query did. (FTS5 stops at the range's end on the
   * first match past it: an expression with no more matches in the range reads on to its next.)
   * The expression has at most `inPart` documents in the window's own part, of which the range
   * holds a share: counted with those of the other part, a read of topics and offerings (a
   * tenth of the documents) was narrowed by a long expression that cost more than it saved.
   */
  private within(window: Frame, query: ScoredQuery, expression: string, inPart: number): Flags {
    const { from, to } = window;
    const [first, last] = this.stats.span[window.part];
    const share = Math.min(1, (to - from + 1) / Math.max(1, last - first + 1));
    const most = SCAN_PER_MEMBER * window.members.length;
    const rarest = this.rarest(query);
    // The rarest term alone is a cheaper companion than every term, when it is rare enough.
    const narrowing =
      inPart * share <= most
        ? null
        : this.inPart(rarest, window) * share <= most
          ? rarest
          : query.match;
    const rows = this.db
      .prepare(
        `SELECT rowid FROM search_fts WHERE search_fts MATCH ?
         AND rowid BETWEEN ${from} AND ${to} ORDER BY rowid`,
      )
      .pluck()
      .all(narrowing ? `(${narrowing}) AND (${expression})` : expression) as number[];
    const found: Flags = new Uint8Array(window.members.length);
    for (const rowid of rows) {
      const i = memberOf(window, rowid);
      if (i >= 0) found[i] = 1;
    }
    return found;
  }

  /** Documents matching `expression` in the window's part. */
  private inPart(expression: string, window: ScoredWindow): number {
    return this.counts(expression)[window.part];
  }

  /** The expression of the query's term in the fewest documents. */
  private rarest(query: ScoredQuery): string {
    const texts = query.terms.map((term) => inText(term.all));
    return texts.reduce((a, b) => (this.documents(b) < this.documents(a) ? b : a));
  }

  /** Documents matching `expression`: exact below EXACT_UP_TO in each part, else estimated. */
  private documents(expression: string): number {
    const { articles, others } = this.counts(expression);
    return articles + others;
  }

  /** The same, in each part. */
  private counts(expression: string): PartCounts {
    const known = this.stats.documents.get(expression);
    if (known !== undefined) return known;
    const counts = this.stats.estimate(expression);
    // Bounded: a site search sees a few thousand distinct words between changes.
    if (this.stats.documents.size > MAX_KEPT) this.stats.documents.clear();
    this.stats.documents.set(expression, counts);
    return counts;
  }
}

const MAX_KEPT = 10_000;
/** Documents read per window member, at most, before the window's expression narrows a read. */
const SCAN_PER_MEMBER = 4;

/**
 * The window's rowid range, read in ascending order with its bounds written out: FTS5 seeks to
 * a bound given as a parameter, or to a lower bound read in descending order, by reading its
 * way there, which costs as much as reading the archive.
 */
function range(window: Frame): string {
  return `rowid BETWEEN ${window.from} AND ${window.to}`;
}

/** The members whose heading holds what `bit` stands for. */
function holding(held: Int32Array, bit: number): Flags {
  const flags: Flags = new Uint8Array(held.length);
  for (let i = 0; i < held.length; i++) flags[i] = held[i]! & bit ? 1 : 0;
  return flags;
}

/** bm25's inverse document frequency among the index's rows. */
function idf(stats: CorpusStats, documents: number): number {
  return idfAmong(stats.rows, documents);
}

/** Documents of each part: articles, and topics and offerings. */
type PartCounts = Record<ScoredWindow['part'], number>;

export interface CorpusStats {
  version: number;
  /** Documents of each part: all articles, and all topics and offerings. */
  totals: Record<ScoredWindow['part'], number>;
  /** Documents with a rowid in [from, to). */
  count(from: number, to: number): number;
  /** Documents in the index, as FTS5 counts them. */
  rows: number;
  /** Document counts by expression, kept until the database changes. */
  documents: Map<string, PartCounts>;
  /** Documents matching an expression, counted up to EXACT_UP_TO articles and others. */
  estimate(expression: string): PartCounts;
  /** The lowest and highest rowid of each part, to tell what share of it a range covers. */
  span: Record<ScoredWindow['part'], [number, number]>;
}

const kept = new WeakMap<Db, CorpusStats>();

/**
 * What search reads of the whole index, kept per connection until the database changes.
 * `maxRanked` is how many rowids of each part are kept at most to count ranges by (tests
 * lower it).
 */
export function corpusStats(db: Db, maxRanked = MAX_RANKED): CorpusStats {
  const version = dataVersion(db);
  const known = kept.get(db);
  if (known?.version === version) return known;
  const parts: Record<ScoredWindow['part'], Part> = {
    articles: { type: `type = 'article'`, range: `rowid < ${OTHERS_FROM}` },
    others: { type: `type IN ('topic', 'offering')`, range: `rowid >= ${OTHERS_FROM}` },
  };
  const total = (part: Part) =>
    db
      .prepare(`SELECT COUNT(*) FROM search_docs WHERE ${part.type} AND ${part.range}`)
      .pluck()
      .get() as number;
  // Each end on its own: MIN and MAX together would read every row of the range.
  const end = (range: string, order: string) =>
    (db
      .prepare(`SELECT rowid FROM search_docs WHERE ${range} ORDER BY rowid ${order} LIMIT 1`)
      .pluck()
      .get() as number | undefined) ?? 0;
  const ends = (range: string): [number, number] => [end(range, 'ASC'), end(range, 'DESC')];
  const span = {
    articles: ends(`rowid < ${OTHERS_FROM}`),
    others: ends(`rowid >= ${OTHERS_FROM}`),
  };
  const allArticles = total(parts.articles);
  const allOthers = total(parts.others);
  const articlesBelow = ranks(db, parts.articles, allArticles, span.articles, maxRanked);
  const othersBelow = ranks(db, parts.others, allOthers, span.others, maxRanked);
  const count = (from: number, to: number) =>
    Math.max(
      0,
      articlesBelow(Math.min(to, OTHERS_FROM)) -
        articlesBelow(Math.min(from, OTHERS_FROM)) +
        othersBelow(to) -
        othersBelow(Math.max(from, OTHERS_FROM)),
    );
  // The newest matching articles, and the first topics and offerings, read in the index's
  // order and so cheap: when there are EXACT_UP_TO of either, they are taken as a sample and
  // scaled by the share of all documents of the part that their rowids reach.
  const sample = (range: string, order: string, edge: string) =>
    db.prepare(
      `SELECT COUNT(*) AS n, ${edge}(rowid) AS edge FROM (SELECT rowid FROM search_fts
       WHERE search_fts MATCH ? AND ${range} ORDER BY rowid ${order} LIMIT ${EXACT_UP_TO})`,
    );
  const articles = sample(`rowid < ${OTHERS_FROM}`, 'DESC', 'MIN');
  const others = sample(`rowid >= ${OTHERS_FROM}`, 'ASC', 'MAX');
  const scaled = (n: number, all: number, reached: () => number) =>
    n < EXACT_UP_TO ? n : Math.round((n * all) / Math.max(1, reached()));
  const stats: CorpusStats = {
    version,
    totals: { articles: allArticles, others: allOthers },
    count,
    span,
    rows: indexedRows(db),
    documents: new Map(),
    estimate: (expression) => {
      const a = articles.get(expression) as { n: number; edge: number | null };
      const o = others.get(expression) as { n: number; edge: number | null };
      return {
        articles: scaled(a.n, allArticles, () => count(a.edge ?? 0, OTHERS_FROM)),
        others: scaled(o.n, allOthers, () => count(OTHERS_FROM, (o.edge ?? OTHERS_FROM) + 1)),
      };
    },
  };
  kept.set(db, stats);
  return stats;
}

/** Rowids kept per part at most to count ranges by. */
const MAX_RANKED = 4096;

/**
 * How many documents of a part have a rowid below a given one: from every `step`-th
 * rowid of the part, read on first use and kept with the statistics, and a count of the at
 * most `step` entries from the kept rowid below it. Counted in SQL from the part's start or
 * end, a range reads every entry it holds: a millisecond a query at 100,000 articles.
 */
/** The documents of a part: of its types, in its rowid range. */
interface Part {
  type: string;
  range: string;
}

function ranks(
  db: Db,
  part: Part,
  all: number,
  [first, last]: [number, number],
  maxRanked: number,
): (rowid: number) => number {
  const step = Math.max(1, Math.ceil(all / maxRanked));
  const between = prepared(
    db,
    // Bounded by the two rowids alone: with the part's bound too, SQLite may read up to that.
    `SELECT COUNT(*) FROM search_docs WHERE ${part.type} AND rowid >= ? AND rowid < ?`,
  ).pluck();
  let kept: Float64Array | null = null;
  return (rowid) => {
    if (rowid <= first) return 0;
    if (rowid > last) return all;
    kept ??= Float64Array.from(
      db
        .prepare(
          `SELECT rowid FROM (SELECT rowid, row_number() OVER (ORDER BY rowid) - 1 AS n
           FROM search_docs WHERE ${part.type} AND ${part.range}) WHERE n % ? = 0`,
        )
        .pluck()
        .all(step) as number[],
    );
    // The kept rowids under `rowid` number `below`; the last of them is document (below - 1) * step.
    let below = 0;
    let above = kept.length;
    while (below < above) {
      const middle = (below + above) >> 1;
      if (kept[middle]! < rowid) below = middle + 1;
      else above = middle;
    }
    return (below - 1) * step + (between.get(kept[below - 1], rowid) as number);
  };
}

/**
 * The row count FTS5's bm25() uses: the first varint of the index's averages record (rowid 1 of
 * its data table), which FTS5 keeps up to date with every change.
 */
function indexedRows(db: Db): number {
  const record = db.prepare('SELECT block FROM search_fts_data WHERE id = 1').pluck().get() as
    Buffer | undefined;
  if (!record || record.length === 0) return 0;
  let value = 0;
  for (let i = 0; i < Math.min(record.length, 8); i++) {
    value = value * 128 + (record[i]! & 0x7f);
    if ((record[i]! & 0x80) === 0) return value;
  }
  return value;
}
