/**
 * Site search as every engine runs it; the engine (sqlite/search.ts, postgres/search.ts) only
 * finds and scores matches in its own full-text index.
 *
 * The work of a query is bounded, whatever the size of the archive: it ranks the newest
 * ARTICLE_WINDOW matching articles (rowids grow with the date, so the index is read newest
 * first and stops) and OTHER_WINDOW matching topics and offerings. When a query matches fewer,
 * which is what nearly every query does, totals and counts are exact; when it matches more,
 * they are estimated from the window and the response says so (`exact: false`), and pages past
 * the ranked window go on with the older matching articles, newest first.
 */
import type {
  Highlighted,
  SearchCounts,
  SearchHit,
  SearchQuery,
  SearchResponse,
  SearchType,
} from '../../search/types';

import { MARK_END, MARK_START, OTHERS_FROM } from './search-index';

/** Newest matching articles ranked per query. */
export const ARTICLE_WINDOW = 1000;
/** Matching topics and offerings ranked per query. */
export const OTHER_WINDOW = 500;
const MAX_TOPIC_COUNTS = 20;
/** How much a match of the whole phrase adds, in units of its own score. */
export const PHRASE_BOOST = 1.5;

/** A match and its relevance: higher is better. */
export interface Scored {
  rowid: number;
  score: number;
}

/** The matches a query ranks: the newest articles, and topics and offerings. */
export interface Window {
  articles: Scored[];
  others: Scored[];
  /** More articles match than the window holds. */
  articlesFull: boolean;
  othersFull: boolean;
}

export interface Filters {
  type: SearchType | null;
  topic: string | null;
}

/** How many matches a query ranks (tests make them small). */
export interface WindowSizes {
  articles: number;
  others: number;
}

/** What the engine's full-text index answers for one planned query. */
export interface MatchFinder {
  /**
   * Up to `limit` matches within the filters, scored with the phrase boost: the newest
   * articles (rowid below OTHERS_FROM, descending) or the first topics and offerings.
   */
  scored(filters: Filters, part: 'articles' | 'others', limit: number): Promise<Scored[]>;
  /** Matching articles older than `oldest`, newest first. */
  olderArticles(filters: Filters, oldest: number, skip: number, limit: number): Promise<number[]>;
  /** The marked title, summary and body of these matches (in any order). */
  hits(page: number[]): Promise<HitRow[]>;
}

/** What the engine's tables answer, whatever the query. */
export interface SearchTables {
  /** Documents with rowids in [from, to). */
  countRange(from: number, to: number): Promise<number>;
  /** How many of these documents are of each type. */
  typesOf(rowids: number[]): Promise<{ type: SearchType; n: number }[]>;
  /**
   * Each topic of these documents, counting an article as `articles` and others as `others`,
   * largest first (by label and slug in binary order on a tie); it may stop after the ones
   * `wanted` names.
   */
  topicsOf(
    rowids: number[],
    weights: { articles: number; others: number },
    wanted: TopicsWanted,
  ): Promise<{ slug: string; label: string; count: number }[]>;
}

/** The topics a count is shown for: the `most` largest, and the one filtered by (`slug`). */
export interface TopicsWanted {
  most: number;
  slug: string | null;
}

export interface HitRow {
  rowid: number;
  id: string;
  type: SearchType;
  slug: string;
  url: string;
  title: string;
  summary: string;
  detail: string | null;
  published_at: string | null;
  /** The title with every match marked (MARK_START, MARK_END). */
  title_marked: string;
  /** A passage of the summary and of the body around a match, marked; no mark when none. */
  summary_marked: string;
  body_marked: string;
}

export async function runSearch(
  finder: MatchFinder,
  tables: SearchTables,
  query: SearchQuery,
  sizes: WindowSizes,
): Promise<SearchResponse> {
  const window = (filters: Filters) => windowOf(finder, filters, sizes);
  // Independent statements, all at once: an engine with a connection pool runs them side by side.
  const [both, unfilteredType, unfilteredTopic] = await Promise.all([
    window({ type: query.type, topic: query.topic }),
    query.type ? window({ type: null, topic: query.topic }) : null,
    query.topic ? window({ type: query.type, topic: null }) : null,
  ]);
  const byTopic = unfilteredType ?? both;
  const byType = unfilteredTopic ?? both;
  const estimate = await estimator(tables);
  // The page's hits, the total and the counts at once: on a server, each is a round trip.
  const [hits, total, type, topic] = await Promise.all([
    pageOf(finder, query, both).then((page) => hitsOf(finder, page)),
    estimate.total(both),
    typeCounts(tables, byTopic, estimate),
    topicCounts(tables, query, byType, estimate),
  ]);
  return {
    query,
    total,
    exact: !both.articlesFull && !both.othersFull && !byTopic.articlesFull && !byType.articlesFull,
    pageCount: Math.ceil(total / query.limit),
    hits,
    counts: { type, topic },
  };
}

/** The rowids of the query's page: of the ranked window, then of the older matching articles. */
async function pageOf(finder: MatchFinder, query: SearchQuery, both: Window): Promise<number[]> {
  const ranked = rank(both);
  const offset = (query.page - 1) * query.limit;
  const page = ranked.slice(offset, offset + query.limit).map((item) => item.rowid);
  if (
    page.length === query.limit ||
    !both.articlesFull ||
    query.type === 'topic' ||
    query.type === 'offering'
  ) {
    return page;
  }
  // Past the ranked window: the older matching articles, newest first.
  return [
    ...page,
    ...(await finder.olderArticles(
      { type: query.type, topic: query.topic },
      Math.min(...both.articles.map((item) => item.rowid)),
      Math.max(0, offset - ranked.length),
      query.limit - page.length,
    )),
  ];
}

export function noResults(query: SearchQuery): SearchResponse {
  return {
    query,
    total: 0,
    exact: true,
    pageCount: 0,
    hits: [],
    counts: { type: { article: 0, offering: 0, topic: 0 }, topic: [] },
  };
}

async function windowOf(finder: MatchFinder, filters: Filters, sizes: WindowSizes) {
  const wantArticles = filters.type === null || filters.type === 'article';
  const wantOthers = filters.type !== 'article';
  const [articles, others] = await Promise.all([
    wantArticles ? finder.scored(filters, 'articles', sizes.articles + 1) : [],
    wantOthers ? finder.scored(filters, 'others', sizes.others + 1) : [],
  ]);
  return {
    articles: articles.slice(0, sizes.articles),
    others: others.slice(0, sizes.others),
    articlesFull: articles.length > sizes.articles,
    othersFull: others.length > sizes.others,
  };
}

/** Best first, newer first among equals. */
function rank(window: Window): Scored[] {
  return [...window.articles, ...window.others].sort(
    (a, b) => b.score - a.score || b.rowid - a.rowid,
  );
}

interface Estimator {
  factor(window: Window): Promise<{ articles: number; others: number }>;
  total(window: Window): Promise<number>;
}

/**
 * Scales what a full window counts up to the whole archive: the window covers the documents
 * from its oldest rowid on, so the share of all documents that range holds is its weight.
 */
async function estimator(tables: SearchTables): Promise<Estimator> {
  // Counted only when a window is full, which few queries fill.
  let totals: Promise<[number, number]> | null = null;
  const archive = () =>
    (totals ??= Promise.all([
      tables.countRange(0, OTHERS_FROM),
      tables.countRange(OTHERS_FROM, Number.MAX_SAFE_INTEGER),
    ]));
  // The total, the type counts and the topic counts each ask it, most often of one window.
  const factors = new Map<Window, Promise<{ articles: number; others: number }>>();
  const factor = (window: Window) => {
    const known = factors.get(window);
    if (known) return known;
    const counted = scale(window);
    factors.set(window, counted);
    return counted;
  };
  // Both parts' ranges at once: on a server, each count is a round trip.
  const scale = async (window: Window) => {
    const [archived, articles, others] = await Promise.all([
      window.articlesFull || window.othersFull ? archive() : null,
      window.articlesFull
        ? tables.countRange(Math.min(...window.articles.map((item) => item.rowid)), OTHERS_FROM)
        : null,
      window.othersFull
        ? tables.countRange(OTHERS_FROM, Math.max(...window.others.map((item) => item.rowid)) + 1)
        : null,
    ]);
    return {
      articles: articles === null ? 1 : archived![0] / Math.max(1, articles),
      others: others === null ? 1 : archived![1] / Math.max(1, others),
    };
  };
  return {
    factor,
    total: async (window) => {
      const { articles, others } = await factor(window);
      return Math.round(window.articles.length * articles + window.others.length * others);
    },
  };
}

/** Matches of each type within the topic filter (estimated when the window is full). */
async function typeCounts(
  tables: SearchTables,
  window: Window,
  estimate: Estimator,
): Promise<SearchCounts['type']> {
  const type: Record<SearchType, number> = { article: 0, offering: 0, topic: 0 };
  const factor = await estimate.factor(window);
  type.article = Math.round(window.articles.length * factor.articles);
  for (const row of await tables.typesOf(window.others.map((item) => item.rowid))) {
    type[row.type] = Math.round(row.n * factor.others);
  }
  return type;
}

/** Matches in each topic within the type filter, largest first, the selected one included. */
async function topicCounts(
  tables: SearchTables,
  query: SearchQuery,
  window: Window,
  estimate: Estimator,
): Promise<SearchCounts['topic']> {
  const rows = await tables.topicsOf(
    [...window.articles, ...window.others].map((item) => item.rowid),
    await estimate.factor(window),
    { most: MAX_TOPIC_COUNTS, slug: query.topic },
  );
  const topics = rows.map((row) => ({ ...row, count: Math.round(row.count) }));
  const shown = topics.slice(0, MAX_TOPIC_COUNTS);
  const selected = topics.find((topic) => topic.slug === query.topic);
  if (selected && !shown.includes(selected)) shown.push(selected);
  return shown;
}

async function hitsOf(finder: MatchFinder, page: number[]): Promise<SearchHit[]> {
  if (page.length === 0) return [];
  const byRow = new Map((await finder.hits(page)).map((row) => [row.rowid, row]));
  return page
    .map((rowid) => byRow.get(rowid))
    .filter((row): row is HitRow => Boolean(row))
    .map((row) => ({
      id: row.id,
      type: row.type,
      slug: row.slug,
      url: row.url,
      title: row.title,
      titleHighlight: segments(row.title_marked),
      snippet: snippetOf(row),
      publishedAt: row.published_at,
      detail: row.detail,
    }));
}

/** A passage of the summary where it matched, else of the body, else the summary's start. */
function snippetOf(row: HitRow): Highlighted {
  for (const marked of [row.summary_marked, row.body_marked]) {
    if (marked.includes(MARK_START)) return segments(marked);
  }
  return row.summary ? [{ text: row.summary, match: false }] : segments(row.body_marked);
}

/**
 * The order of UTF-8 bytes, which is SQLite's BINARY collation and PostgreSQL's `COLLATE "C"`:
 * UTF-16 units order alike except where a surrogate (from U+D800) meets a unit from U+E000.
 */
export function byteOrder(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === a.length) return -1;
  if (i === b.length) return 1;
  const [x, y] = [a.charCodeAt(i), b.charCodeAt(i)];
  if (x < 0xd800 && y < 0xd800) return x - y;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Text with marks around matches, as runs: rendered as elements, never as HTML. */
export function segments(marked: string): Highlighted {
  const runs: Highlighted = [];
  for (const [index, part] of marked.split(new RegExp(`[${MARK_START}${MARK_END}]`)).entries()) {
    if (part) runs.push({ text: part, match: index % 2 === 1 });
  }
  return runs;
}
