/**
 * Site search on PostgreSQL: the weighted `tsvector` of each document (search-index.ts) matched
 * with a tsquery made from lib/search/plan.ts's plan, as SQLite's FTS5 expression is, so both
 * engines find the same documents: every term in one of its forms (the word, the last one as a
 * prefix, the typo corrections). Ranked by `ts_rank` with the column weights SQLite gives bm25
 * and the whole phrase boosted; highlights by `ts_headline`, for the one page of hits only.
 * Windows, estimates and counts are the shared ones (lib/content/sql/search-window.ts).
 */
import {
  planQuery,
  withinOneEdit,
  words,
  MAX_TERM_LENGTH,
  type QueryPlan,
  type Term,
} from '../../search/plan';
import type { SearchQuery, SearchResponse, SearchType } from '../../search/types';
import { DOC_VISIBLE } from '../sql/rows';
import { column } from '../sql/runner';
import type { SqlRunner } from '../sql/runner';
import { MARK_END, MARK_START, OTHERS_FROM } from '../sql/search-index';
import {
  ARTICLE_WINDOW,
  noResults,
  OTHER_WINDOW,
  PHRASE_BOOST,
  runSearch,
  type Filters,
  type HitRow,
  type MatchFinder,
  type Scored,
  type SearchTables,
  type WindowSizes,
} from '../sql/search-window';
import type { View } from '../store';

/**
 * ts_rank's weights of D (body), C (summary), B (keywords) and A (title): SQLite's bm25
 * weights (1, 1.5, 2.5, 6) scaled to at most 1. Normalization 1 divides by 1 + log(length),
 * so that, as with bm25, a match in a short text counts for more than one in a long text.
 */
const RANK = (vector: string, query: string) =>
  `ts_rank('{0.1667, 0.25, 0.4167, 1.0}', ${vector}, ${query}, 1)`;
/** Words either side of a match in a snippet: about two lines of text. */
const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=12, ShortWord=0, MaxFragments=1, FragmentDelimiter=…`;
const HEADLINE_ALL = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;
const MIN_TYPO_LENGTH = 4;
/** Characters of a text short enough to be its own snippet. */
const SHORT_TEXT = 160;
const MARKS = new RegExp(`[${MARK_START}${MARK_END}]`, 'g');

/** A passage cut out of `text` says so at the ends it was cut at, as FTS5's snippet() does. */
function withEllipses(passage: string, text: string): string {
  const plain = passage.replace(MARKS, '');
  if (!plain) return passage;
  return `${text.startsWith(plain) ? '' : '…'}${passage}${text.endsWith(plain) ? '' : '…'}`;
}

export async function searchPostgres(
  db: SqlRunner,
  query: SearchQuery,
  view: View,
  sizes: WindowSizes = { articles: ARTICLE_WINDOW, others: OTHER_WINDOW },
): Promise<SearchResponse> {
  if (!query.q) return noResults(query);
  const plan = planQuery(query.q, await vocabulary(db, query.q));
  if (plan.terms.length === 0) return noResults(query);
  return runSearch(new TsqueryFinder(db, plan, view), pgTables(db), query, sizes);
}

/** A word as a tsquery operand (words are letters and digits only, but quote them anyway). */
function lexeme(word: string): string {
  return `'${word.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`;
}

/** Every term, in any of its forms: `('care' | 'care':*) & ('diabetis' | 'diabetes')`. */
export function tsqueryOf(plan: QueryPlan): string {
  return plan.terms.map(termQuery).join(' & ');
}

/**
 * What a match is scored by: every form of every term, any of them. ts_rank scores an AND by
 * how near its words are, which bm25 does not (the phrase boost is what rewards nearness); over
 * an OR it adds up what each form matches, as bm25 over FTS5's expression does, so a word
 * matched both as itself and as a prefix counts above a longer word matched as a prefix only.
 */
function rankQueryOf(plan: QueryPlan): string {
  return plan.terms.map(termQuery).join(' | ');
}

/**
 * The words as typed and their corrections, without prefixes. FTS5 counts a word that matches
 * both `"care"` and `"care"*` twice; this adds that second count.
 */
function exactQueryOf(plan: QueryPlan): string {
  return plan.terms
    .flatMap((term) => [term.word, ...term.corrections])
    .map(lexeme)
    .join(' | ');
}

function termQuery(term: Term): string {
  const forms = [
    lexeme(term.word),
    ...(term.prefix ? [`${lexeme(term.word)}:*`] : []),
    ...term.corrections.map(lexeme),
  ];
  return `(${forms.join(' | ')})`;
}

/** The words in order, next to each other: `'remote' <-> 'monitor':*`. */
function phraseQuery(plan: QueryPlan): string | null {
  if (!plan.phrase) return null;
  const parts = plan.phrase.words.map(lexeme);
  if (plan.phrase.prefix) parts[parts.length - 1] += ':*';
  return parts.join(' <-> ');
}

class TsqueryFinder implements MatchFinder {
  private readonly params: Record<string, unknown>;

  constructor(
    private readonly db: SqlRunner,
    plan: QueryPlan,
    view: View,
  ) {
    this.params = {
      q: tsqueryOf(plan),
      rank: rankQueryOf(plan),
      exact: exactQueryOf(plan),
      phrase: phraseQuery(plan),
      preview: view.preview ? 1 : 0,
      now: view.now,
    };
  }

  /** Matching documents (`d`) within the filters that the view may see. */
  private where(filters: Filters): string {
    return `d.tsv @@ CAST(@q AS tsquery) AND ${DOC_VISIBLE}
      ${filters.type ? 'AND d.type = @type' : ''}
      ${filters.topic ? 'AND EXISTS (SELECT 1 FROM search_doc_topics t WHERE t.doc = d.rowid AND t.slug = @topic)' : ''}`;
  }

  async scored(filters: Filters, part: 'articles' | 'others', limit: number): Promise<Scored[]> {
    const [range, order] =
      part === 'articles'
        ? [`d.rowid < ${OTHERS_FROM}`, 'ORDER BY d.rowid DESC']
        : [`d.rowid >= ${OTHERS_FROM}`, 'ORDER BY d.rowid'];
    // The window first, read in rowid order; only its members are ranked.
    const phrase = `CAST(@phrase AS text) IS NOT NULL AND w.tsv @@ CAST(@phrase AS tsquery)`;
    return this.db.all<Scored>(
      `SELECT w.rowid, ${RANK('w.tsv', 'CAST(@rank AS tsquery)')} + ${RANK('w.tsv', 'CAST(@exact AS tsquery)')}
         + CASE WHEN ${phrase} THEN ${PHRASE_BOOST} * ${RANK('w.tsv', 'CAST(@phrase AS tsquery)')} ELSE 0 END AS score
       FROM (SELECT d.rowid, d.tsv FROM search_docs d WHERE ${range} AND ${this.where(filters)} ${order} LIMIT @limit) w`,
      { ...this.params, ...filters, limit },
    );
  }

  olderArticles(filters: Filters, oldest: number, skip: number, limit: number): Promise<number[]> {
    return column<number>(
      this.db,
      `SELECT d.rowid FROM search_docs d WHERE d.rowid < @oldest AND ${this.where(filters)}
       ORDER BY d.rowid DESC LIMIT @limit OFFSET @skip`,
      { ...this.params, ...filters, oldest, limit, skip },
    );
  }

  async hits(page: number[]): Promise<HitRow[]> {
    // A text of a snippet's length is marked whole, as FTS5's snippet() gives it.
    const passage = (text: string) =>
      `CASE WHEN length(${text}) <= ${SHORT_TEXT} THEN ts_headline('simple', ${text}, CAST(@q AS tsquery), '${HEADLINE_ALL}')
         ELSE ts_headline('simple', ${text}, CAST(@q AS tsquery), '${HEADLINE}') END`;
    // The body, the long text whose passage costs most, only where the summary did not match.
    const summaryMatched = `strpos(s.summary_marked, '${MARK_START}') > 0`;
    const rows = await this.db.all<HitRow & { body: string | null }>(
      `SELECT d.rowid, d.id, d.type, d.slug, d.url, d.title, d.summary, d.detail, d.published_at,
         ts_headline('simple', d.title, CAST(@q AS tsquery), '${HEADLINE_ALL}') AS title_marked,
         s.summary_marked,
         CASE WHEN ${summaryMatched} THEN '' ELSE ${passage('d.body')} END AS body_marked,
         CASE WHEN ${summaryMatched} THEN NULL ELSE d.body END AS body
       FROM search_docs d, LATERAL (SELECT ${passage('d.summary')} AS summary_marked) s
       WHERE d.rowid = ANY(CAST(@page AS bigint[]))`,
      { q: this.params.q, page },
    );
    return rows.map(({ body, ...row }) => ({
      ...row,
      summary_marked: withEllipses(row.summary_marked, row.summary),
      body_marked: withEllipses(row.body_marked, body ?? ''),
    }));
  }
}

function pgTables(db: SqlRunner): SearchTables {
  return {
    countRange: async (from, to) =>
      (await db.get<{ n: number }>(
        'SELECT COUNT(*) AS n FROM search_docs WHERE rowid >= ? AND rowid < ?',
        [from, to],
      ))!.n,
    typesOf: (rowids) =>
      db.all<{ type: SearchType; n: number }>(
        'SELECT type, COUNT(*) AS n FROM search_docs WHERE rowid = ANY(CAST(? AS bigint[])) GROUP BY type',
        [rowids],
      ),
    topicsOf: (rowids, weights) =>
      db.all<{ slug: string; label: string; count: number }>(
        `SELECT t.slug, MIN(t.label) AS label,
           SUM(CASE WHEN t.doc < ${OTHERS_FROM} THEN CAST(@articles AS float8) ELSE CAST(@others AS float8) END) AS count
         FROM search_doc_topics t WHERE t.doc = ANY(CAST(@docs AS bigint[]))
         GROUP BY t.slug ORDER BY count DESC, label, t.slug`,
        { docs: rowids, ...weights },
      ),
  };
}

/**
 * What the index knows of the query's words, asked in a few statements before planning (the
 * plan asks synchronously). A word, or a prefix, is known when a document has it; typo
 * candidates are the vocabulary's words that share trigrams with the word (pg_trgm's GIN index
 * finds them), kept when one edit away and a document still has them.
 */
async function vocabulary(db: SqlRunner, q: string) {
  const typed = words(q).filter((word) => word.length <= MAX_TERM_LENGTH);
  const asked = [...new Set(typed)];
  // The vocabulary's B-tree first (a word never indexed costs one lookup), then the GIN index:
  // the vocabulary keeps the words of removed documents.
  const inDocuments = (word: string) =>
    `EXISTS (SELECT 1 FROM search_docs WHERE tsv @@ CAST(quote_literal(${word}) AS tsquery))`;
  const known = await db.all<{ word: string; has: boolean; prefixed: boolean }>(
    `SELECT w AS word,
       CASE WHEN EXISTS (SELECT 1 FROM search_terms t WHERE t.term = w) THEN ${inDocuments('w')} ELSE false END AS has,
       CASE WHEN w = ? THEN EXISTS (
         SELECT 1 FROM (SELECT t.term FROM search_terms t WHERE t.term >= w AND t.term < w || chr(1114111)
                        ORDER BY t.term LIMIT 20) t
         WHERE ${inDocuments('t.term')}) ELSE false END AS prefixed
     FROM unnest(CAST(? AS text[])) w`,
    [typed.at(-1) ?? '', asked],
  );
  const has = new Set(known.filter((row) => row.has).map((row) => row.word));
  const prefixed = new Set(known.filter((row) => row.prefixed).map((row) => row.word));
  const unknown = asked.filter((word) => !has.has(word) && word.length >= MIN_TYPO_LENGTH);
  const candidates = new Set<string>();
  for (const word of unknown) {
    const similar = await column<string>(
      db,
      `SELECT term FROM search_terms WHERE term % ? AND length(term) BETWEEN ? AND ?`,
      [word, word.length - 1, word.length + 1],
    );
    for (const term of similar) if (withinOneEdit(word, term)) candidates.add(term);
  }
  const confirmed = new Set(
    candidates.size === 0
      ? []
      : await column<string>(
          db,
          `SELECT w FROM unnest(CAST(? AS text[])) w WHERE ${inDocuments('w')}`,
          [[...candidates].sort()],
        ),
  );
  return {
    has: (term: string) => has.has(term),
    hasPrefix: (prefix: string) => prefixed.has(prefix),
    known: (terms: string[]) => terms.filter((term) => confirmed.has(term)).sort(),
  };
}
