/**
 * Site search on SQLite FTS5: ranked by `bm25()` with the title weighted most, the exact phrase
 * boosted, the last word matched as a prefix and unknown words corrected from the index's own
 * vocabulary. Visibility is decided per query, so a scheduled article is found from its date on.
 *
 * The work of a query is bounded, whatever the size of the archive: it ranks the newest
 * ARTICLE_WINDOW matching articles (rowids grow with the date, so FTS5 reads them newest first
 * and stops) and OTHER_WINDOW matching topics and offerings. When a query matches fewer, which
 * is what nearly every query does, totals and counts are exact; when it matches more, they are
 * estimated from the window and the response says so (`exact: false`), and pages past the ranked
 * window go on with the older matching articles, newest first.
 */
import { planQuery, type QueryPlan, type Term, type Vocabulary } from '../../search/plan';
import type {
  Highlighted,
  SearchCounts,
  SearchHit,
  SearchQuery,
  SearchResponse,
  SearchType,
} from '../../search/types';
import type { View } from '../store';

import type { Db } from './connection';
import { DOC_VISIBLE } from '../sql/content-store';
import { MARK_END, MARK_START, OTHERS_FROM, topicTag, typeTag } from '../sql/search-index';

/** bm25 weights of title, keywords (vendor, topics, source), summary, body and tags (never). */
const WEIGHTS = '6.0, 2.5, 1.5, 1.0, 0.0';
/** How much a match of the whole phrase adds, in units of its own bm25 score. */
const PHRASE_BOOST = 1.5;
/** Newest matching articles ranked per query. */
export const ARTICLE_WINDOW = 1000;
/** Matching topics and offerings ranked per query. */
export const OTHER_WINDOW = 500;
const MAX_TOPIC_COUNTS = 20;
/** Tokens in a snippet: about two lines of text. */
const SNIPPET_TOKENS = 28;

interface Scored {
  rowid: number;
  score: number;
}

/** The matches a query ranks: the newest articles, and topics and offerings. */
interface Window {
  articles: Scored[];
  others: Scored[];
  /** More articles match than the window holds. */
  articlesFull: boolean;
  othersFull: boolean;
}

interface Filters {
  type: SearchType | null;
  topic: string | null;
}

/** How many matches a query ranks (tests make them small). */
export interface WindowSizes {
  articles: number;
  others: number;
}

export function searchSqlite(
  db: Db,
  query: SearchQuery,
  view: View,
  sizes: WindowSizes = { articles: ARTICLE_WINDOW, others: OTHER_WINDOW },
): SearchResponse {
  const plan = query.q ? planQuery(query.q, vocabulary(db)) : null;
  if (!plan || plan.terms.length === 0) return noResults(query);
  refreshHidden(db, view);
  const search = new WindowSearch(db, plan, view, sizes);

  const both = search.window({ type: query.type, topic: query.topic });
  const byTopic = query.type ? search.window({ type: null, topic: query.topic }) : both;
  const byType = query.topic ? search.window({ type: query.type, topic: null }) : both;
  const ranked = rank(both);
  const estimate = search.estimator();
  const total = estimate.total(both);
  const offset = (query.page - 1) * query.limit;
  let page = ranked.slice(offset, offset + query.limit).map((item) => item.rowid);
  if (
    page.length < query.limit &&
    both.articlesFull &&
    query.type !== 'topic' &&
    query.type !== 'offering'
  ) {
    // Past the ranked window: the older matching articles, newest first.
    page = [
      ...page,
      ...search.olderArticles(
        { type: query.type, topic: query.topic },
        both,
        Math.max(0, offset - ranked.length),
        query.limit - page.length,
      ),
    ];
  }
  return {
    query,
    total,
    exact: !both.articlesFull && !both.othersFull && !byTopic.articlesFull && !byType.articlesFull,
    pageCount: Math.ceil(total / query.limit),
    hits: hitsOf(db, page, search.match),
    counts: {
      type: typeCounts(db, byTopic, estimate),
      topic: topicCounts(db, query, byType, estimate),
    },
  };
}

function noResults(query: SearchQuery): SearchResponse {
  return {
    query,
    total: 0,
    exact: true,
    pageCount: 0,
    hits: [],
    counts: { type: { article: 0, offering: 0, topic: 0 }, topic: [] },
  };
}

/** Best first (bm25 scores are negative), newer first among equals. */
function rank(window: Window): Scored[] {
  return [...window.articles, ...window.others].sort(
    (a, b) => a.score - b.score || b.rowid - a.rowid,
  );
}

class WindowSearch {
  readonly match: string;
  private readonly phrase: string | null;
  private readonly hiding: string;

  constructor(
    private readonly db: Db,
    plan: QueryPlan,
    view: View,
    private readonly sizes: WindowSizes,
  ) {
    this.match = ftsExpression(plan);
    this.phrase = phraseExpression(plan);
    this.hiding = view.preview ? '' : 'AND rowid NOT IN (SELECT rowid FROM temp.search_hidden)';
  }

  /** The FTS5 expression of the query within the filters. */
  private expression(base: string, filters: Filters): string {
    const tags = [
      ...(filters.type ? [typeTag(filters.type)] : []),
      ...(filters.topic ? [topicTag(filters.topic)] : []),
    ];
    return [`(${base})`, ...tags.map((tag) => `tags : "${tag}"`)].join(' AND ');
  }

  window(filters: Filters): Window {
    const wantArticles = filters.type === null || filters.type === 'article';
    const wantOthers = filters.type !== 'article';
    const match = this.expression(this.match, filters);
    const articles = wantArticles
      ? this.scored(match, `rowid < ${OTHERS_FROM}`, 'ORDER BY rowid DESC', this.sizes.articles + 1)
      : [];
    const others = wantOthers
      ? this.scored(match, `rowid >= ${OTHERS_FROM}`, 'ORDER BY rowid', this.sizes.others + 1)
      : [];
    const window: Window = {
      articles: articles.slice(0, this.sizes.articles),
      others: others.slice(0, this.sizes.others),
      articlesFull: articles.length > this.sizes.articles,
      othersFull: others.length > this.sizes.others,
    };
    if (this.phrase) this.boost(window, this.expression(this.phrase, filters));
    return window;
  }

  private scored(match: string, range: string, order: string, limit: number): Scored[] {
    return this.db
      .prepare(
        `SELECT rowid, bm25(search_fts, ${WEIGHTS}) AS score FROM search_fts
         WHERE search_fts MATCH @match AND ${range} ${this.hiding} ${order} LIMIT @limit`,
      )
      .all({ match, limit }) as Scored[];
  }

  /** Adds the phrase's own score to the window's documents that hold it whole. */
  private boost(window: Window, phrase: string): void {
    const members = [...window.articles, ...window.others];
    if (members.length === 0) return;
    const byRow = new Map(members.map((item) => [item.rowid, item]));
    // The rowid ranges the window covers, and so nothing older or further.
    const from = Math.min(...members.map((item) => item.rowid));
    const to = Math.max(...members.map((item) => item.rowid));
    const rows = this.db
      .prepare(
        `SELECT rowid, bm25(search_fts, ${WEIGHTS}) AS score FROM search_fts
         WHERE search_fts MATCH @phrase AND rowid BETWEEN @from AND @to ${this.hiding}`,
      )
      .all({ phrase, from, to }) as Scored[];
    for (const row of rows) {
      const member = byRow.get(row.rowid);
      if (member) member.score += PHRASE_BOOST * row.score;
    }
  }

  /** Matching articles older than the window's, newest first. */
  olderArticles(filters: Filters, window: Window, skip: number, limit: number): number[] {
    const oldest = Math.min(...window.articles.map((item) => item.rowid));
    return this.db
      .prepare(
        `SELECT rowid FROM search_fts WHERE search_fts MATCH @match AND rowid < @oldest ${this.hiding}
         ORDER BY rowid DESC LIMIT @limit OFFSET @skip`,
      )
      .pluck()
      .all({ match: this.expression(this.match, filters), oldest, limit, skip }) as number[];
  }

  /**
   * Scales what a full window counts up to the whole archive: the window covers the documents
   * from its oldest rowid on, so the share of all documents that range holds is its weight.
   */
  estimator(): Estimator {
    const count = this.db
      .prepare('SELECT COUNT(*) FROM search_docs WHERE rowid >= ? AND rowid < ?')
      .pluck();
    const articlesTotal = count.get(0, OTHERS_FROM) as number;
    const othersTotal = count.get(OTHERS_FROM, Number.MAX_SAFE_INTEGER) as number;
    const factor = (window: Window) => ({
      articles: window.articlesFull
        ? articlesTotal /
          Math.max(
            1,
            count.get(
              Math.min(...window.articles.map((item) => item.rowid)),
              OTHERS_FROM,
            ) as number,
          )
        : 1,
      others: window.othersFull
        ? othersTotal /
          Math.max(
            1,
            count.get(
              OTHERS_FROM,
              Math.max(...window.others.map((item) => item.rowid)) + 1,
            ) as number,
          )
        : 1,
    });
    return {
      factor,
      total: (window) => {
        const { articles, others } = factor(window);
        return Math.round(window.articles.length * articles + window.others.length * others);
      },
    };
  }
}

interface Estimator {
  factor(window: Window): { articles: number; others: number };
  total(window: Window): number;
}

/**
 * What readers of this view may not see: drafts, scheduled articles, and topics and offerings
 * that only such articles name. Few, and the same until content changes or an article's date
 * comes, so it is kept per connection in a temporary table and made again only then.
 */
const hiddenState = new WeakMap<Db, { version: number; from: number; until: number }>();

function refreshHidden(db: Db, view: View): void {
  if (view.preview) return;
  const version = db.pragma('data_version', { simple: true }) as number;
  const kept = hiddenState.get(db);
  if (kept && kept.version === version && kept.from <= view.now && view.now < kept.until) return;
  db.exec(
    'CREATE TEMP TABLE IF NOT EXISTS search_hidden (rowid INTEGER PRIMARY KEY); DELETE FROM temp.search_hidden;',
  );
  const params = { preview: 0, now: view.now };
  db.prepare(
    `INSERT INTO temp.search_hidden (rowid)
     SELECT d.rowid FROM search_docs d WHERE (d.public_from IS NULL OR d.public_from > @now) AND NOT ${DOC_VISIBLE}
     UNION
     SELECT d.rowid FROM search_docs d WHERE d.conditional = 1 AND NOT ${DOC_VISIBLE}`,
  ).run(params);
  const next = db
    .prepare('SELECT MIN(public_from) FROM search_docs WHERE public_from > ?')
    .pluck()
    .get(view.now) as number | null;
  hiddenState.set(db, { version, from: view.now, until: next ?? Number.POSITIVE_INFINITY });
}

/**
 * What the index knows. `has` and `hasPrefix` ask FTS5's own vocabulary; typo candidates, looked
 * up by the hundred, go to `search_terms` first and are then confirmed in the vocabulary.
 */
function vocabulary(db: Db): Vocabulary {
  const has = db.prepare('SELECT 1 FROM search_vocab WHERE term = ?').pluck();
  const prefixed = db
    .prepare('SELECT 1 FROM search_vocab WHERE term >= ? AND term < ? LIMIT 1')
    .pluck();
  const known = db
    .prepare('SELECT term FROM search_terms WHERE term IN (SELECT value FROM json_each(?))')
    .pluck();
  return {
    has: (term) => has.get(term) !== undefined,
    hasPrefix: (prefix) => prefixed.get(prefix, `${prefix}\uffff`) !== undefined,
    known: (candidates) =>
      (known.all(JSON.stringify(candidates)) as string[]).filter(
        (term) => has.get(term) !== undefined,
      ),
  };
}

/** Every term, in any of its forms: `("care" OR "care"*) AND ("diabetis" OR "diabetes")`. */
export function ftsExpression(plan: QueryPlan): string {
  return plan.terms.map(termExpression).join(' AND ');
}

function termExpression(term: Term): string {
  const forms = [
    quoted(term.word),
    ...(term.prefix ? [`${quoted(term.word)}*`] : []),
    ...term.corrections.map(quoted),
  ];
  // Searched in the text columns only: the tags column holds the filters' words.
  return `{title keywords summary body} : (${forms.join(' OR ')})`;
}

function phraseExpression(plan: QueryPlan): string | null {
  if (!plan.phrase) return null;
  return `{title keywords summary body} : ${quoted(plan.phrase.words.join(' '))}${plan.phrase.prefix ? '*' : ''}`;
}

/** Words are letters and digits only (plan.ts), but quote them as FTS5 strings anyway. */
function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** Matches of each type within the topic filter (estimated when the window is full). */
function typeCounts(db: Db, window: Window, estimate: Estimator): SearchCounts['type'] {
  const type: Record<SearchType, number> = { article: 0, offering: 0, topic: 0 };
  const factor = estimate.factor(window);
  type.article = Math.round(window.articles.length * factor.articles);
  for (const row of db
    .prepare(
      `SELECT type, COUNT(*) AS n FROM search_docs WHERE rowid IN (SELECT value FROM json_each(?)) GROUP BY type`,
    )
    .all(JSON.stringify(window.others.map((item) => item.rowid))) as {
    type: SearchType;
    n: number;
  }[]) {
    type[row.type] = Math.round(row.n * factor.others);
  }
  return type;
}

/** Matches in each topic within the type filter, largest first, the selected one included. */
function topicCounts(
  db: Db,
  query: SearchQuery,
  window: Window,
  estimate: Estimator,
): SearchCounts['topic'] {
  const factor = estimate.factor(window);
  const rows = db
    .prepare(
      `SELECT t.slug, MIN(t.label) AS label, SUM(CASE WHEN t.doc < ${OTHERS_FROM} THEN @articles ELSE @others END) AS count
       FROM search_doc_topics t WHERE t.doc IN (SELECT value FROM json_each(@docs))
       GROUP BY t.slug ORDER BY count DESC, label, t.slug`,
    )
    .all({
      docs: JSON.stringify([...window.articles, ...window.others].map((item) => item.rowid)),
      articles: factor.articles,
      others: factor.others,
    }) as { slug: string; label: string; count: number }[];
  const topics = rows.map((row) => ({ ...row, count: Math.round(row.count) }));
  const shown = topics.slice(0, MAX_TOPIC_COUNTS);
  const selected = topics.find((topic) => topic.slug === query.topic);
  if (selected && !shown.includes(selected)) shown.push(selected);
  return shown;
}

interface HitRow {
  rowid: number;
  id: string;
  type: SearchType;
  slug: string;
  url: string;
  title: string;
  summary: string;
  detail: string | null;
  published_at: string | null;
  title_marked: string;
  summary_marked: string;
  body_marked: string;
}

function hitsOf(db: Db, page: number[], match: string): SearchHit[] {
  if (page.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT d.rowid, d.id, d.type, d.slug, d.url, d.title, d.summary, d.detail, d.published_at,
         highlight(search_fts, 0, '${MARK_START}', '${MARK_END}') AS title_marked,
         snippet(search_fts, 2, '${MARK_START}', '${MARK_END}', '…', ${SNIPPET_TOKENS}) AS summary_marked,
         snippet(search_fts, 3, '${MARK_START}', '${MARK_END}', '…', ${SNIPPET_TOKENS}) AS body_marked
       FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid
       WHERE search_fts MATCH @match AND search_fts.rowid IN (SELECT value FROM json_each(@page))`,
    )
    .all({ match, page: JSON.stringify(page) }) as HitRow[];
  const byRow = new Map(rows.map((row) => [row.rowid, row]));
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

/** Text with marks around matches, as runs: rendered as elements, never as HTML. */
export function segments(marked: string): Highlighted {
  const runs: Highlighted = [];
  for (const [index, part] of marked.split(new RegExp(`[${MARK_START}${MARK_END}]`)).entries()) {
    if (part) runs.push({ text: part, match: index % 2 === 1 });
  }
  return runs;
}
