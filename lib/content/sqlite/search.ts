/**
 * Site search on SQLite FTS5: ranked by `bm25()` with the title weighted most, the exact phrase
 * boosted, the last word matched as a prefix and unknown words corrected from the index's own
 * vocabulary (`fts5vocab`). Visibility is decided per query, so a scheduled article is found
 * from its date on; counts per type and per topic come from the same matches, in SQL.
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
import { DOC_VISIBLE } from './queries';
import { MARK_END, MARK_START } from './search-index';

/** bm25 weights of title, keywords (vendor, topics, source), summary and body. */
const WEIGHTS = '6.0, 2.5, 1.5, 1.0';
/** How much a match of the whole phrase adds, in units of its own bm25 score. */
const PHRASE_BOOST = 1.5;
const MAX_TOPIC_COUNTS = 20;
/** Tokens in a snippet: about two lines of text. */
const SNIPPET_TOKENS = 28;

export function searchSqlite(db: Db, query: SearchQuery, view: View): SearchResponse {
  const plan = query.q ? planQuery(query.q, vocabulary(db)) : null;
  if (!plan || plan.terms.length === 0) return noResults(query);
  prepareScratch(db);
  const params: Record<string, unknown> = {
    preview: view.preview ? 1 : 0,
    now: view.now,
    match: ftsExpression(plan),
    phrase: phraseExpression(plan),
  };
  // The phrase, when there is one, adds its own score to the documents that hold it whole. Each
  // full-text query runs once (MATERIALIZED), not once per row of the other.
  const phrase = params.phrase !== null;
  db.prepare(
    `WITH m AS MATERIALIZED (SELECT rowid, bm25(search_fts, ${WEIGHTS}) AS score FROM search_fts WHERE search_fts MATCH @match)
     ${phrase ? `, p AS MATERIALIZED (SELECT rowid, bm25(search_fts, ${WEIGHTS}) AS score FROM search_fts WHERE search_fts MATCH @phrase)` : ''}
     INSERT INTO temp.search_matches (doc, score, type)
     SELECT m.rowid, m.score ${phrase ? `+ COALESCE(${PHRASE_BOOST} * p.score, 0)` : ''}, d.type
     FROM m JOIN search_docs d ON d.rowid = m.rowid ${phrase ? 'LEFT JOIN p ON p.rowid = m.rowid' : ''}
     WHERE ${DOC_VISIBLE}`,
  ).run(phrase ? params : { ...params, phrase: undefined });

  const filters = { type: query.type, topic: query.topic };
  const typeFilter = '(@type IS NULL OR m.type = @type)';
  const topicFilter =
    '(@topic IS NULL OR EXISTS (SELECT 1 FROM search_doc_topics t WHERE t.doc = m.doc AND t.slug = @topic))';
  const total = db
    .prepare(`SELECT COUNT(*) FROM temp.search_matches m WHERE ${typeFilter} AND ${topicFilter}`)
    .pluck()
    .get(filters) as number;
  const pageCount = Math.ceil(total / query.limit);
  const page = db
    .prepare(
      `SELECT m.doc FROM temp.search_matches m WHERE ${typeFilter} AND ${topicFilter}
       ORDER BY m.score, m.doc LIMIT @limit OFFSET @offset`,
    )
    .pluck()
    .all({ ...filters, limit: query.limit, offset: (query.page - 1) * query.limit }) as number[];
  const counts = countsOf(db, query, typeFilter, topicFilter);
  return { query, total, pageCount, hits: hitsOf(db, page, params.match as string), counts };
}

function noResults(query: SearchQuery): SearchResponse {
  return {
    query,
    total: 0,
    pageCount: 0,
    hits: [],
    counts: { type: { article: 0, offering: 0, topic: 0 }, topic: [] },
  };
}

/** Matches of one search, kept for this connection while the search reads them several ways. */
function prepareScratch(db: Db): void {
  db.exec(
    `CREATE TEMP TABLE IF NOT EXISTS search_matches (doc INTEGER PRIMARY KEY, score REAL NOT NULL, type TEXT NOT NULL);
     DELETE FROM temp.search_matches;`,
  );
}

function vocabulary(db: Db): Vocabulary {
  const has = db.prepare('SELECT 1 FROM search_vocab WHERE term = ?').pluck();
  const prefixed = db
    .prepare('SELECT 1 FROM search_vocab WHERE term >= ? AND term < ? LIMIT 1')
    .pluck();
  const known = db
    .prepare('SELECT term FROM search_vocab WHERE term IN (SELECT value FROM json_each(?))')
    .pluck();
  return {
    has: (term) => has.get(term) !== undefined,
    hasPrefix: (prefix) => prefixed.get(prefix, `${prefix}\uffff`) !== undefined,
    known: (candidates) => known.all(JSON.stringify(candidates)) as string[],
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
  return forms.length === 1 ? forms[0]! : `(${forms.join(' OR ')})`;
}

function phraseExpression(plan: QueryPlan): string | null {
  if (!plan.phrase) return null;
  return `${quoted(plan.phrase.words.join(' '))}${plan.phrase.prefix ? '*' : ''}`;
}

/** Words are letters and digits only (plan.ts), but quote them as FTS5 strings anyway. */
function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function countsOf(
  db: Db,
  query: SearchQuery,
  typeFilter: string,
  topicFilter: string,
): SearchCounts {
  const type: Record<SearchType, number> = { article: 0, offering: 0, topic: 0 };
  const byType = db
    .prepare(
      `SELECT m.type, COUNT(*) AS n FROM temp.search_matches m WHERE ${topicFilter} GROUP BY m.type`,
    )
    .all({ topic: query.topic }) as { type: SearchType; n: number }[];
  for (const row of byType) type[row.type] = row.n;
  const topics = db
    .prepare(
      `SELECT t.slug, MIN(t.label) AS label, COUNT(*) AS count FROM temp.search_matches m
       JOIN search_doc_topics t ON t.doc = m.doc WHERE ${typeFilter}
       GROUP BY t.slug ORDER BY count DESC, label, t.slug`,
    )
    .all({ type: query.type }) as { slug: string; label: string; count: number }[];
  const shown = topics.slice(0, MAX_TOPIC_COUNTS);
  const selected = topics.find((topic) => topic.slug === query.topic);
  if (selected && !shown.includes(selected)) shown.push(selected);
  return { type, topic: shown };
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
