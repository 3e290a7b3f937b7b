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
 *   the title and keywords each term is (from column-filtered queries that also match the
 *   window's own expression, so FTS5 reads no further than the window did), whether it is there
 *   as the word itself or only as longer words, and document counts estimated from how far back
 *   the newest EXACT_UP_TO matches reach. Each repeat of a word and the document's length are
 *   not known there; the title still outweighs any body, the word itself a longer word, and the
 *   whole phrase the words scattered.
 */
import { OTHERS_FROM } from '../sql/search-index';
import { PHRASE_BOOST, type Scored } from '../sql/search-window';

import type { Db } from './connection';
import { inColumns, inText, type TermForms } from './search-expression';

/** A string's document count is exact below this; bm25() reads this many entries at most. */
export const EXACT_UP_TO = 2000;
/** bm25 weights of title, keywords (vendor, topics, source), summary, body and tags (never). */
export const WEIGHTS = [6.0, 2.5, 1.5, 1.0, 0.0] as const;
/** FTS5's bm25 k1 (fts5_aux.c); its b does not matter for a document of average length. */
const K1 = 1.2;
/** Weight of a term found in neither the title nor the keywords: most often the body's. */
const ELSEWHERE = WEIGHTS[3];

/** The matches being scored: newest articles (descending rowids) or topics and offerings. */
export interface ScoredWindow {
  part: 'articles' | 'others';
  members: Scored[];
}

/** The query as the scorer needs it: its terms' strings and the whole phrase's. */
export interface ScoredQuery {
  /** The query's FTS5 expression, within the filters: every window member matches it. */
  match: string;
  terms: TermForms[];
  phrase: string[] | null;
}

export class WindowScorer {
  private readonly stats: CorpusStats;

  constructor(
    private readonly db: Db,
    private readonly exactUpTo = EXACT_UP_TO,
  ) {
    this.stats = corpusStats(db);
  }

  /** Sets each member's score, the phrase boost included. */
  score(window: ScoredWindow, query: ScoredQuery): void {
    if (window.members.length === 0) return;
    const rare = query.terms.every((term) => this.documents(inText(term.all)) < this.exactUpTo);
    if (rare) this.exact(window, query.terms.map((term) => inText(term.all)).join(' AND '), 1);
    else for (const term of query.terms) this.approximate(window, query.match, term);
    if (!query.phrase) return;
    const phrase = inText(query.phrase);
    if (this.documents(phrase) < this.exactUpTo) this.exact(window, phrase, PHRASE_BOOST);
    else this.approximatePhrase(window, query.match, query.phrase);
  }

  /**
   * Adds bm25() of `expression` (no filters: their strings would be counted too), times
   * `factor`, to the members that match it. It matches fewer than `exactUpTo` documents, so
   * reading all of them up to the window's end is bounded too.
   */
  private exact(window: ScoredWindow, expression: string, factor: number): void {
    const weights = WEIGHTS.join(', ');
    const byRow = new Map(window.members.map((item) => [item.rowid, item]));
    const rows = this.db
      .prepare(
        `SELECT rowid, -bm25(search_fts, ${weights}) AS score FROM search_fts
         WHERE search_fts MATCH ? AND ${PARTS[window.part]}`,
      )
      .iterate(expression) as Iterable<Scored>;
    const end = window.members.at(-1)!.rowid;
    for (const row of rows) {
      if (beyond(window.part, row.rowid, end)) break;
      const member = byRow.get(row.rowid);
      if (member) member.score += factor * row.score;
    }
  }

  /** bm25's formula for one term, from its columns within the window. */
  private approximate(window: ScoredWindow, match: string, term: TermForms): void {
    const inTitle = this.within(window, `(${match}) AND ${inColumns('title', term.all)}`);
    const inKeywords = this.within(window, `(${match}) AND ${inColumns('keywords', term.all)}`);
    const all = idf(this.stats, this.documents(inText(term.all)));
    // As in bm25() over `"care" OR "care"*`, the word itself counts once more than a longer
    // one. Most members of a common word's window hold the word itself: the few that hold only
    // longer words are the ones read.
    const exactDocuments = this.documents(inText(term.exact));
    const exactIdf = idf(this.stats, exactDocuments);
    const onlyLonger =
      term.all.length > term.exact.length && exactDocuments > 0
        ? this.within(window, `(${match}) NOT ${inText(term.exact)}`)
        : null;
    const hasExact = (rowid: number) => onlyLonger !== null && !onlyLonger.has(rowid);
    for (const member of window.members) {
      const title = inTitle.has(member.rowid);
      const keywords = inKeywords.has(member.rowid);
      const frequency = (title ? WEIGHTS[0] : 0) + (keywords ? WEIGHTS[1] : 0) || ELSEWHERE;
      const saturated = saturate(frequency);
      member.score += all * saturated;
      if (hasExact(member.rowid)) member.score += exactIdf * saturated;
    }
  }

  /** The phrase boost for a common phrase: whether it is whole in the title, or elsewhere. */
  private approximatePhrase(window: ScoredWindow, match: string, phrases: string[]): void {
    const inTitle = this.within(window, `(${match}) AND ${inColumns('title', phrases)}`);
    const whole = this.within(window, `(${match}) AND ${inText(phrases)}`);
    const weight = PHRASE_BOOST * idf(this.stats, this.documents(inText(phrases)));
    for (const member of window.members) {
      if (inTitle.has(member.rowid)) member.score += weight * saturate(WEIGHTS[0] + ELSEWHERE);
      else if (whole.has(member.rowid)) member.score += weight * saturate(ELSEWHERE);
    }
  }

  /**
   * The members that match `expression`, which implies the window's own: FTS5 then reads no
   * further into the archive than the window query did. Read in the window's order and left at
   * its end: a rowid range (`BETWEEN`) makes FTS5 seek its way to the range's start instead,
   * which costs far more.
   */
  private within(window: ScoredWindow, expression: string): Set<number> {
    const rows = this.db
      .prepare(`SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND ${PARTS[window.part]}`)
      .pluck()
      .iterate(expression) as Iterable<number>;
    const end = window.members.at(-1)!.rowid;
    const found = new Set<number>();
    for (const rowid of rows) {
      if (beyond(window.part, rowid, end)) break;
      found.add(rowid);
    }
    return found;
  }

  /** Documents matching `expression`: exact below EXACT_UP_TO in each part, else estimated. */
  private documents(expression: string): number {
    const known = this.stats.documents.get(expression);
    if (known !== undefined) return known;
    const count = this.stats.estimate(expression);
    // Bounded: a site search sees a few thousand distinct words between changes.
    if (this.stats.documents.size > MAX_KEPT) this.stats.documents.clear();
    this.stats.documents.set(expression, count);
    return count;
  }
}

const MAX_KEPT = 10_000;

/** Rowid order and range of each part, as the window query reads them. */
const PARTS = {
  articles: `rowid < ${OTHERS_FROM} ORDER BY rowid DESC`,
  others: `rowid >= ${OTHERS_FROM} ORDER BY rowid`,
} as const;

/** Past the window's last member in its reading order. */
function beyond(part: ScoredWindow['part'], rowid: number, end: number): boolean {
  return part === 'articles' ? rowid < end : rowid > end;
}

/** bm25's term frequency part for a document of average length. */
function saturate(frequency: number): number {
  return (frequency * (K1 + 1)) / (frequency + K1);
}

/** bm25's inverse document frequency, floored as FTS5 floors it. */
function idf(stats: CorpusStats, documents: number): number {
  const value = Math.log((stats.rows - documents + 0.5) / (documents + 0.5));
  return value > 0 ? value : 1e-6;
}

interface CorpusStats {
  version: number;
  /** Documents in the index, as FTS5 counts them. */
  rows: number;
  /** Document counts by expression, kept until the database changes. */
  documents: Map<string, number>;
  /** Documents matching an expression, counted up to EXACT_UP_TO articles and others. */
  estimate(expression: string): number;
}

const kept = new WeakMap<Db, CorpusStats>();

function corpusStats(db: Db): CorpusStats {
  const version = db.pragma('data_version', { simple: true }) as number;
  const known = kept.get(db);
  if (known?.version === version) return known;
  const count = (sql: string) =>
    db.prepare(`SELECT COUNT(*) FROM search_docs WHERE ${sql}`).pluck();
  const articlesFrom = count(`type = 'article' AND rowid >= ? AND rowid < ${OTHERS_FROM}`);
  const othersUpTo = count(
    `type IN ('topic', 'offering') AND rowid >= ${OTHERS_FROM} AND rowid <= ?`,
  );
  const allArticles = articlesFrom.get(0) as number;
  const allOthers = othersUpTo.get(Number.MAX_SAFE_INTEGER) as number;
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
    rows: indexedRows(db),
    documents: new Map(),
    estimate: (expression) => {
      const a = articles.get(expression) as { n: number; edge: number | null };
      const o = others.get(expression) as { n: number; edge: number | null };
      return (
        scaled(a.n, allArticles, () => articlesFrom.get(a.edge) as number) +
        scaled(o.n, allOthers, () => othersUpTo.get(o.edge) as number)
      );
    },
  };
  kept.set(db, stats);
  return stats;
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
