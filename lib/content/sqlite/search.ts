/**
 * Site search on SQLite FTS5: ranked by bm25 with the title weighted most (search-score.ts says
 * how it is kept from reading the whole archive), the exact phrase boosted, the last word
 * matched as a prefix and unknown words corrected from the index's own vocabulary. Visibility
 * is decided per query, so a scheduled article is found from its date on. The windows,
 * estimates and counts are the shared ones (lib/content/sql/search-window.ts).
 */
import { planQuery, type QueryPlan, type Vocabulary } from '../../search/plan';
import type { SearchQuery, SearchResponse } from '../../search/types';
import { DOC_VISIBLE } from '../sql/rows';
import { MARK_END, MARK_START, OTHERS_FROM, topicTag, typeTag } from '../sql/search-index';
import {
  ARTICLE_WINDOW,
  noResults,
  OTHER_WINDOW,
  runSearch,
  type Filters,
  type HitRow,
  type MatchFinder,
  type Scored,
  type SearchTables,
  type WindowSizes,
} from '../sql/search-window';
import type { View } from '../store';

import type { Db } from './connection';
import { dataVersion, prepared } from './runner';
import {
  expander,
  PREFIX_WORDS,
  inText,
  phraseForms,
  phrasePattern,
  termForms,
  type TermForms,
  type TextTest,
} from './search-expression';
import { corpusStats, EXACT_UP_TO, WindowScorer, type CorpusStats } from './search-score';
import { topicsOf, typesOf } from './search-counts';

/** Tokens in a snippet: about two lines of text. */
const SNIPPET_TOKENS = 28;

export function searchSqlite(
  db: Db,
  query: SearchQuery,
  view: View,
  sizes: WindowSizes = { articles: ARTICLE_WINDOW, others: OTHER_WINDOW },
  /** Document counts below which bm25() is exact and cheap (tests lower it to 0). */
  exactUpTo = EXACT_UP_TO,
): Promise<SearchResponse> {
  const plan = query.q ? planQuery(query.q, vocabulary(db)) : null;
  if (!plan || plan.terms.length === 0) return Promise.resolve(noResults(query));
  refreshHidden(db, view);
  // Once per query: each look at the database's version is a statement.
  const stats = corpusStats(db);
  const finder = new Fts5Finder(db, plan, view, new WindowScorer(db, stats, exactUpTo));
  return runSearch(finder, sqliteTables(db, stats), query, sizes);
}

/** FTS5's matches, scored by search-score.ts. */
class Fts5Finder implements MatchFinder {
  private readonly terms: TermForms[];
  private readonly match: string;
  private readonly phrase: string[] | null;
  private readonly phrasePattern: TextTest | null;
  private readonly hiding: string;

  constructor(
    private readonly db: Db,
    plan: QueryPlan,
    view: View,
    private readonly scorer: WindowScorer,
  ) {
    const expand = expander(db);
    this.terms = plan.terms.map((term) => termForms(term, expand));
    this.match = this.terms.map((term) => inText(term.all)).join(' AND ');
    this.phrase = phraseForms(plan, expand);
    this.phrasePattern = phrasePattern(plan);
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

  /** The window's rowids are read without bm25(), which would read every match to score any. */
  async scored(filters: Filters, part: 'articles' | 'others', limit: number): Promise<Scored[]> {
    const [range, order] =
      part === 'articles'
        ? [`rowid < ${OTHERS_FROM}`, 'ORDER BY rowid DESC']
        : [`rowid >= ${OTHERS_FROM}`, 'ORDER BY rowid'];
    const match = this.expression(this.match, filters);
    const rowids = prepared(
      this.db,
      `SELECT rowid FROM search_fts
       WHERE search_fts MATCH @match AND ${range} ${this.hiding} ${order} LIMIT @limit`,
    )
      .pluck()
      .all({ match, limit }) as number[];
    const members = rowids.map((rowid) => ({ rowid, score: 0 }));
    const { terms, phrase, phrasePattern } = this;
    this.scorer.score({ part, members }, { match, terms, phrase, phrasePattern });
    return members;
  }

  async olderArticles(
    filters: Filters,
    oldest: number,
    skip: number,
    limit: number,
  ): Promise<number[]> {
    return prepared(
      this.db,
      `SELECT rowid FROM search_fts WHERE search_fts MATCH @match AND rowid < @oldest ${this.hiding}
       ORDER BY rowid DESC LIMIT @limit OFFSET @skip`,
    )
      .pluck()
      .all({ match: this.expression(this.match, filters), oldest, limit, skip }) as number[];
  }

  /**
   * Each hit is looked up by its rowid: FTS5 then seeks to the document, where `rowid IN (…)`
   * would have it read every match of the query and filter them.
   */
  async hits(page: number[]): Promise<HitRow[]> {
    const hit = prepared(
      this.db,
      `SELECT d.rowid, d.id, d.type, d.slug, d.url, d.title, d.summary, d.detail, d.published_at,
         highlight(search_fts, 0, '${MARK_START}', '${MARK_END}') AS title_marked,
         snippet(search_fts, 2, '${MARK_START}', '${MARK_END}', '…', ${SNIPPET_TOKENS}) AS summary_marked,
         snippet(search_fts, 3, '${MARK_START}', '${MARK_END}', '…', ${SNIPPET_TOKENS}) AS body_marked
       FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid
       WHERE search_fts MATCH @match AND search_fts.rowid = @rowid`,
    );
    return page
      .map((rowid) => hit.get({ match: this.match, rowid }) as HitRow | undefined)
      .filter((row): row is HitRow => row !== undefined);
  }
}

/**
 * Counts come from the index's figures (search-score.ts), kept until the database changes, and
 * from what documents are counted by (search-counts.ts).
 */
function sqliteTables(db: Db, stats: CorpusStats): SearchTables {
  return {
    countRange: async (from, to) => {
      if (from === 0 && to === OTHERS_FROM) return stats.totals.articles;
      if (from === OTHERS_FROM && to === Number.MAX_SAFE_INTEGER) return stats.totals.others;
      return stats.count(from, to);
    },
    typesOf: async (rowids) => typesOf(db, rowids),
    topicsOf: async (rowids, weights, wanted) => topicsOf(db, rowids, weights, wanted),
  };
}

/**
 * What readers of this view may not see: drafts, scheduled articles, and topics and offerings
 * that only such articles name. Few, and the same until content changes or an article's date
 * comes, so it is kept per connection in a temporary table and made again only then.
 */
const hiddenState = new WeakMap<Db, { version: number; from: number; until: number }>();

function refreshHidden(db: Db, view: View): void {
  if (view.preview) return;
  const version = dataVersion(db);
  const kept = hiddenState.get(db);
  if (kept && kept.version === version && kept.from <= view.now && view.now < kept.until) return;
  db.exec(
    'CREATE TEMP TABLE IF NOT EXISTS search_hidden (rowid INTEGER PRIMARY KEY); DELETE FROM temp.search_hidden;',
  );
  const params = { preview: 0, now: view.now };
  // One statement each: as a UNION, SQLite reads every document in rowid order to merge them
  // (254 ms at 100,000 articles, instead of 5 ms through the two indexes).
  for (const hidden of ['(d.public_from IS NULL OR d.public_from > @now)', 'd.conditional = 1']) {
    db.prepare(
      `INSERT OR IGNORE INTO temp.search_hidden (rowid)
       SELECT d.rowid FROM search_docs d WHERE ${hidden} AND NOT ${DOC_VISIBLE}`,
    ).run(params);
  }
  const next = db
    .prepare('SELECT MIN(public_from) FROM search_docs WHERE public_from > ?')
    .pluck()
    .get(view.now) as number | null;
  hiddenState.set(db, { version, from: view.now, until: next ?? Number.POSITIVE_INFINITY });
}

/**
 * What the index knows, asked of FTS5 as a query for one document: fts5vocab's row table counts
 * the documents of a term as it reads it, which for a common word is a read of its whole list.
 * Words and prefixes are looked up in `search_terms` (every word ever indexed) and confirmed so.
 */
function vocabulary(db: Db): Vocabulary {
  const found = prepared(db, 'SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT 1').pluck();
  const has = (term: string) => found.get(`"${term.replaceAll('"', '""')}"`) !== undefined;
  const words = prepared(db, PREFIX_WORDS).pluck();
  const known = prepared(
    db,
    'SELECT term FROM search_terms WHERE term IN (SELECT value FROM json_each(?))',
  ).pluck();
  return {
    has,
    hasPrefix: (prefix) =>
      (words.all(prefix, `${prefix}\uffff`, MAX_PREFIX_CHECKS) as string[]).some(has),
    known: (candidates) => (known.all(JSON.stringify(candidates)) as string[]).filter(has),
  };
}

/** Words of a prefix confirmed at most: past them, a prefix of only removed words is unknown. */
const MAX_PREFIX_CHECKS = 16;
