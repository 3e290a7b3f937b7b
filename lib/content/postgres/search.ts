/**
 * Site search on PostgreSQL: the weighted `tsvector` of each document (search-index.ts) matched
 * with a tsquery made from lib/search/plan.ts's plan, as SQLite's FTS5 expression is, so both
 * engines find the same documents: every term in one of its forms (the word, the last one as a
 * prefix, the typo corrections). A query of rare words is ranked by `ts_rank` with the column
 * weights SQLite gives bm25 and the whole phrase boosted; one of common words by bm25's formula
 * over what each window member's title and keywords hold (search-score.ts). Highlights come from
 * `ts_headline`, for the one page of hits only. Windows, estimates and counts are the shared
 * ones (lib/content/sql/search-window.ts).
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
import { visible } from '../sql/rows';
import {
  COLUMN_WEIGHTS,
  ELSEWHERE,
  EXACT_UP_TO,
  idf,
  saturate,
  termFrequency,
} from '../sql/search-estimate';
import { column } from '../sql/runner';
import type { SqlRunner } from '../sql/runner';
import { MARK_END, MARK_START, OTHERS_FROM } from '../sql/search-index';
import {
  ARTICLE_WINDOW,
  byteOrder,
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

import { allRare, termStatistics, type CountedForms, type TermStatistics } from './search-score';

/**
 * ts_rank's weights of D (body), C (summary), B (keywords) and A (title): SQLite's bm25
 * weights (1, 1.5, 2.5, 6) scaled to at most 1. Normalization 1 divides by 1 + log(length),
 * so that, as with bm25, a match in a short text counts for more than one in a long text.
 */
const RANK = (vector: string, query: string) =>
  `ts_rank('{0.1667, 0.25, 0.4167, 1.0}', ${vector}, ${query}, 1)`;
const MIN_TYPO_LENGTH = 4;
/**
 * A window's first range of newest articles spans this many times the rows that would hold it
 * if every document of the rarest term matched; a range that holds too few is followed by an
 * older one, sized by the matches found per row, this many times over too.
 */
const RANGE_MARGIN = 1.5;
/**
 * As RANGE_MARGIN, for a query of one term, whose documents all match: only what the view may
 * not see, and the histogram's error, are left to spare for.
 */
const ONE_TERM_MARGIN = 1.2;
/** Ranges read before the rest of the archive, older than the last of them, is read whole. */
const MAX_RANGES = 2;
/** Words either side of a match in a snippet: about two lines of text. */
const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=12, ShortWord=0, MaxFragments=1, FragmentDelimiter=…`;
const HEADLINE_ALL = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;
/** Hits marked by one statement; a longer page is marked by several at once (hits()). */
const HITS_PER_STATEMENT = 10;
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
  /** Document counts below which a query is ranked by ts_rank (tests lower it to 0). */
  exactUpTo = EXACT_UP_TO,
): Promise<SearchResponse> {
  if (!query.q) return noResults(query);
  const stats = await termStatistics(db);
  const plan = planQuery(query.q, await vocabulary(db, query.q, stats));
  if (plan.terms.length === 0) return noResults(query);
  const facts: Facts = new Map();
  const finder = new TsqueryFinder(db, plan, view, stats, exactUpTo, facts);
  return runSearch(finder, pgTables(db, stats, facts), query, sizes);
}

/**
 * A window's row the view may see, by its date alone: a stand-in's is that of the first of its
 * references to be visible (lib/content/sql/stand-ins.ts), so DOC_VISIBLE's look-ups of its
 * references (300 of them per statement at 100,000 articles) would only say the same again.
 */
const DOC_DATED_VISIBLE = visible('d');

/**
 * The newest article the view may see, found in search_docs_newest (schema.ts) without reading
 * a row. A window read newest first starts there: the scheduled articles hold the newest rowids,
 * and reading each one's wide row first took every such window 4-8 ms at 100,000 articles. With
 * the rows in rowid order (index-store.ts), the planner reads the window through the primary key
 * rather than search_docs_newest, which would pass over them in the index.
 */
const NEWEST_VISIBLE = `(SELECT n.rowid FROM search_docs n WHERE n.rowid < ${OTHERS_FROM} AND ${visible('n')}
  ORDER BY n.rowid DESC, n.public_from DESC LIMIT 1)`;

/** The vectors of topics and offerings alone, as their index has them (schema.ts). */
const OTHERS_VECTOR = `(CASE WHEN d.rowid >= ${OTHERS_FROM} THEN d.tsv END)`;

/** Documents' shares of the terms as one share (taken as independent) and the rarest's count. */
function spreadOf(shares: number[], rows: number): { share: number; rarest: number } {
  return {
    share: shares.reduce((product, share) => product * share, 1),
    rarest: Math.min(...shares) * rows,
  };
}

/** A word as a tsquery operand (words are letters and digits only, but quote them anyway). */
function lexeme(word: string): string {
  return `'${word.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`;
}

/** Every term, in any of its forms: `('care' | 'care':*) & ('diabetis' | 'diabetes')`. */
export function tsqueryOf(plan: QueryPlan): string {
  return plan.terms.map((term) => termQuery(term)).join(' & ');
}

/**
 * What a match is scored by: every form of every term, any of them. ts_rank scores an AND by
 * how near its words are, which bm25 does not (the phrase boost is what rewards nearness); over
 * an OR it adds up what each form matches, as bm25 over FTS5's expression does, so a word
 * matched both as itself and as a prefix counts above a longer word matched as a prefix only.
 */
function rankQueryOf(plan: QueryPlan): string {
  return plan.terms.map((term) => termQuery(term)).join(' | ');
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

/** The term in any of its forms; `weight` (A, B) restricts each form to that column's words. */
function termQuery(term: Term, weight = ''): string {
  const forms = [
    `${lexeme(term.word)}${weight ? `:${weight}` : ''}`,
    ...(term.prefix ? [`${lexeme(term.word)}:*${weight}`] : []),
    ...term.corrections.map((word) => `${lexeme(word)}${weight ? `:${weight}` : ''}`),
  ];
  return `(${forms.join(' | ')})`;
}

/** The words in order, next to each other: `'remote' <-> 'monitor':*`; in one column: `:A`. */
function phraseQuery(plan: QueryPlan, weight = ''): string | null {
  if (!plan.phrase) return null;
  const parts = plan.phrase.words.map((word) => `${lexeme(word)}${weight ? `:${weight}` : ''}`);
  if (plan.phrase.prefix)
    parts[parts.length - 1] = `${lexeme(plan.phrase.words.at(-1)!)}:*${weight}`;
  return parts.join(' <-> ');
}

/** What a term's document count is the count of. */
function countedForms(term: Term): CountedForms {
  return { words: [term.word, ...term.corrections], prefix: term.prefix ? term.word : null };
}

/**
 * What the windows' statements read of each member for the counts: its type and its topics
 * (slug, label), read with its row (schema.ts) rather than looked up again by rowid.
 */
type Facts = Map<number, { type: SearchType; topics: [string, string][] }>;

/** A window member as its statement reads it: ranked, or with the flags it is scored by. */
interface ScoredRow extends Scored {
  type: SearchType;
  topics: [string, string][];
}
type FlaggedRow = Omit<ScoredRow, 'score'> & { flags: string };
type WindowRow = ScoredRow | FlaggedRow;

/** A term as the estimate reads it (search-score.ts). */
interface EstimatedTerm {
  /** Any of its forms in the title; in the keywords. */
  title: string;
  keywords: string;
  /** The word alone, when the term has other forms too; else null. */
  exact: string | null;
  forms: CountedForms;
}

class TsqueryFinder implements MatchFinder {
  private readonly params: Record<string, unknown>;
  private readonly terms: EstimatedTerm[];
  /** Every term is rare: ts_rank over the whole vector, else the estimate. */
  private readonly exact: boolean;
  /**
   * The share of documents that match, the terms' frequencies taken as independent, and the
   * documents of the rarest term (0 when the statistics do not list it): of the whole archive,
   * and of the topics and offerings alone, whose short texts hold common words less often.
   */
  private readonly spread: Record<'articles' | 'others', { share: number; rarest: number }>;
  private counts: Promise<{ all: number[]; exact: number[] }> | null = null;
  /** Any form of any term in the summary (weight C): the page's hits that need their body. */
  /** What the page's highlights mark. */

  constructor(
    private readonly db: SqlRunner,
    plan: QueryPlan,
    view: View,
    private readonly stats: TermStatistics,
    exactUpTo: number,
    private readonly facts: Facts,
  ) {
    this.params = {
      q: tsqueryOf(plan),
      rank: rankQueryOf(plan),
      exact: exactQueryOf(plan),
      phrase: phraseQuery(plan),
      title_phrase: phraseQuery(plan, 'A'),
      preview: view.preview ? 1 : 0,
      now: view.now,
    };
    this.terms = plan.terms.map((term) => ({
      title: termQuery(term, 'A'),
      keywords: termQuery(term, 'B'),
      exact: term.prefix || term.corrections.length > 0 ? lexeme(term.word) : null,
      forms: countedForms(term),
    }));
    this.exact = allRare(
      stats,
      this.terms.map((term) => term.forms),
      exactUpTo,
    );
    const shares = this.terms.map(
      (term) => (stats.listed(term.forms) ?? 0) / Math.max(1, stats.rows),
    );
    const rarest = Math.max(0, shares.indexOf(Math.min(...shares)));
    this.params.narrow = termQuery(plan.terms[rarest]!);
    const others = this.terms.map(
      (term) => (stats.listedAmongOthers(term.forms) ?? 0) / Math.max(1, stats.totals.others),
    );
    this.spread = {
      articles: spreadOf(shares, stats.rows),
      others: spreadOf(others, stats.totals.others),
    };
  }

  /**
   * Whether a window of `limit` in `part` is read in rowid order rather than through a GIN
   * index: when the rows read to find it, at the share of the part's documents that match (the
   * terms' shares taken as independent, which errs low), are fewer than the rarest term's
   * documents there, each of which the index would have the statement read.
   */
  private ordered(limit: number, part: 'articles' | 'others'): boolean {
    const { share, rarest } = this.spread[part];
    return share > 0 && limit / share < rarest;
  }

  /**
   * The newest articles a window of `limit` read through the GIN index is looked for in first
   * (or the first topics and offerings, in rowid order too):
   * RANGE_MARGIN times the rows that would hold it if every document of the rarest term matched,
   * the fewest that can (the terms' joint share, taken as independent, is far too low for words
   * that go together: 'value based care contracts' matches 3,267 of the 4,711 documents of
   * 'value' at 100,000 articles). Given to the index beside the rarest term, the range keeps
   * the statement from reading a row for each of that term's documents to keep the newest
   * thousand (7,063 rows for 'future', 4,711 for 'value'). Null when there is no such range:
   * the term is not in the statistics (rare, so its rows are few), or there is a topic (its
   * documents are not spread like the archive's).
   */
  private firstRange(filters: Filters, part: 'articles' | 'others', limit: number): number | null {
    const { rarest } = this.spread[part];
    if (rarest === 0 || filters.topic) return null;
    const rows = part === 'articles' ? this.stats.rows : this.stats.totals.others;
    const margin = this.terms.length === 1 ? ONE_TERM_MARGIN : RANGE_MARGIN;
    return Math.ceil((margin * limit * rows) / rarest);
  }

  /** Whether the window's statement reads rows newest first, given no term (where()). */
  private inRowidOrder(filters: Filters, part: 'articles' | 'others', limit: number): boolean {
    return this.ordered(limit, part) && !filters.topic;
  }

  /**
   * Matching documents (`d`) in `range` within the filters that the view may see. Of the
   * articles, only the rarest term is given to the GIN index: it gathers every document of each
   * term it is given, and a common word, or a prefix, is most of the archive (17-31 ms for "the
   * future of care" at 100,000 articles, for one window); the other terms are tested on the rows
   * it finds, and so is the articles' range (a bitmap of their whole range made the statement's
   * bitmap lossy, and the statement 211 ms), unless it is only the newest articles' (`small`,
   * firstRange()). Topics and offerings have an index of their own, small: it is given every term.
   * When many documents match (`ordered()`), no term is given to either: the planner, which
   * takes words to be independent and so underestimates how many documents hold several common
   * ones, would otherwise gather every match through the index, reading each one's wide row, to
   * keep the newest thousand, where reading rows newest first finds them in a little more.
   */
  private where(
    filters: Filters,
    part: 'articles' | 'others',
    range: string,
    limit: number,
    small: boolean,
  ): string {
    // `IS TRUE` is no index condition, and keeps the condition's estimate. The GIN index given
    // the whole query (its only term) leaves nothing to test: a query without weights or phrases
    // is exact there, and the rows of a page it could not tell apart are tested against it.
    const whole = part === 'articles' && this.params.narrow === this.params.q;
    const match =
      whole && !this.inRowidOrder(filters, part, limit)
        ? 'true'
        : `(d.tsv @@ CAST(@q AS tsquery)) IS TRUE`;
    const indexed = this.inRowidOrder(filters, part, limit)
      ? part === 'articles'
        ? `${range} AND d.rowid <= ${NEWEST_VISIBLE}`
        : range
      : part === 'others'
        ? `${OTHERS_VECTOR} @@ CAST(@q AS tsquery) AND ${small ? range : `(${range}) IS TRUE`}`
        : `d.tsv @@ CAST(@narrow AS tsquery) AND ${small ? range : `(${range}) IS TRUE`}`;
    return `${indexed} AND ${match} AND ${DOC_DATED_VISIBLE}
      ${filters.type ? 'AND d.type = @type' : ''}
      ${filters.topic ? 'AND EXISTS (SELECT 1 FROM search_doc_topics t WHERE t.doc = d.rowid AND t.slug = @topic)' : ''}`;
  }

  async scored(filters: Filters, part: 'articles' | 'others', limit: number): Promise<Scored[]> {
    const rows = this.ordered(limit, part)
      ? await this.window(filters, part, limit, { from: null, to: null })
      : await this.inRanges(filters, part, limit);
    for (const row of rows) this.facts.set(row.rowid, { type: row.type, topics: row.topics });
    const scored = this.exact ? (rows as ScoredRow[]) : await this.estimated(rows as FlaggedRow[]);
    return scored.map(({ rowid, score }) => ({ rowid, score }));
  }

  /**
   * The window through the GIN index, range by range in its order (the newest articles first,
   * the topics and offerings by rowid): the rows of firstRange(), then, while the window is not
   * full, the next range, sized by the matches found per row so far, and after MAX_RANGES ranges
   * (or when the histogram of rowids reaches no further) all the rest. Each range gives its
   * first matches, as many as are still wanted, so together they are the window that one
   * statement over the whole part would give.
   */
  private async inRanges(
    filters: Filters,
    part: 'articles' | 'others',
    limit: number,
  ): Promise<WindowRow[]> {
    const rows: WindowRow[] = [];
    let reach = this.firstRange(filters, part, limit);
    // Where the last range ended: the articles' oldest rowid in it, the others' past it.
    let reached: number | null = null;
    for (let ranges = 0; rows.length < limit; ranges++) {
      const bound =
        reach === null || ranges >= MAX_RANGES
          ? null
          : part === 'articles'
            ? this.stats.newestFrom(reach)
            : this.stats.othersUpTo(reach);
      // The histogram's bounds are far apart: a few more rows may end where the last range did.
      const end: number | null = bound === reached ? null : bound;
      const range = part === 'articles' ? { from: end, to: reached } : { from: reached, to: end };
      rows.push(...(await this.window(filters, part, limit - rows.length, range)));
      if (end === null) break;
      reached = end;
      // Matches per row so far; none found: the range was far too small, the rest is read whole.
      const found = rows.length / reach!;
      reach = found > 0 ? reach! + Math.ceil((RANGE_MARGIN * (limit - rows.length)) / found) : null;
    }
    return rows;
  }

  /** Up to `limit` matches in `part`, in its order, with rowids in [from, to) where not null. */
  private window(
    filters: Filters,
    part: 'articles' | 'others',
    limit: number,
    { from, to }: { from: number | null; to: number | null },
  ): Promise<WindowRow[]> {
    const [range, order, ranged] =
      part === 'articles'
        ? [
            `${from === null ? '' : 'd.rowid >= @from AND '}d.rowid < ${to === null ? OTHERS_FROM : '@to'}`,
            'DESC',
            from !== null,
          ]
        : [
            `d.rowid >= ${from === null ? OTHERS_FROM : '@from'}${to === null ? '' : ' AND d.rowid < @to'}`,
            '',
            to !== null,
          ];
    const matches = `FROM search_docs d
        WHERE ${this.where(filters, part, range, limit, ranged)}
        ORDER BY d.rowid ${order} LIMIT @limit`;
    // The window first, in rowid order; only its members are scored. Read through the GIN index,
    // its members' vectors are read afterwards, by their row's address: read in the window's own
    // query, a plan that sorts the matches would sort them with every match's whole vector. Read
    // newest first, nothing is sorted, and the rows it read are its members.
    const window = this.inRowidOrder(filters, part, limit)
      ? `SELECT d.rowid, d.type, d.tsv, d.head, d.topics ${matches}`
      : `SELECT m.rowid, d.type, d.tsv, d.head, d.topics
          FROM (SELECT d.rowid, d.ctid ${matches}) m JOIN search_docs d ON d.ctid = m.ctid`;
    const params = { ...this.params, ...filters, limit, from, to };
    // In the window's order again: a join gives no order, and the window is cut by it (its last
    // member only says that there are more) and put together from ranges (inRanges()).
    const ordered = `ORDER BY w.rowid ${order}`;
    return this.exact
      ? this.ranked(window, ordered, params)
      : this.flagged(window, ordered, params);
  }

  private ranked(
    window: string,
    ordered: string,
    params: Record<string, unknown>,
  ): Promise<ScoredRow[]> {
    const phrase = `CAST(@phrase AS text) IS NOT NULL AND w.tsv @@ CAST(@phrase AS tsquery)`;
    return this.db.all<ScoredRow>(
      `SELECT w.rowid, w.type, w.topics,
         ${RANK('w.tsv', 'CAST(@rank AS tsquery)')} + ${RANK('w.tsv', 'CAST(@exact AS tsquery)')}
         + CASE WHEN ${phrase} THEN ${PHRASE_BOOST} * ${RANK('w.tsv', 'CAST(@phrase AS tsquery)')} ELSE 0 END AS score
       FROM (${window}) w ${ordered}`,
      params,
    );
  }

  /**
   * What bm25's formula needs of each member (search-score.ts): which terms its title and
   * keywords hold, read from the small head vector, whether it holds the word itself and the
   * whole phrase.
   */
  private flagged(
    window: string,
    ordered: string,
    params: Record<string, unknown>,
  ): Promise<FlaggedRow[]> {
    const checks: string[] = [];
    const named: Record<string, unknown> = {};
    this.terms.forEach((term, i) => {
      named[`title${i}`] = term.title;
      named[`keywords${i}`] = term.keywords;
      checks.push(
        `w.head @@ CAST(@title${i} AS tsquery)`,
        `w.head @@ CAST(@keywords${i} AS tsquery)`,
      );
      if (term.exact) {
        named[`word${i}`] = term.exact;
        checks.push(`w.tsv @@ CAST(@word${i} AS tsquery)`);
      }
    });
    const phrase = this.params.phrase !== null;
    if (phrase) {
      checks.push('w.head @@ CAST(@title_phrase AS tsquery)', 'w.tsv @@ CAST(@phrase AS tsquery)');
    }
    // The checks as one string of '0' and '1': a boolean array of a thousand rows took the
    // driver a millisecond to parse.
    const flags = checks.map((check) => `CASE WHEN ${check} THEN '1' ELSE '0' END`).join(' || ');
    // The terms' document counts meanwhile, on another connection, when any must be counted.
    this.counts ??= this.documents();
    return this.db.all<FlaggedRow>(
      `SELECT w.rowid, w.type, w.topics, ${flags} AS flags FROM (${window}) w ${ordered}`,
      { ...params, ...named },
    );
  }

  /** bm25's formula for each member of the window, from its flags (flagged()). */
  private async estimated(rows: FlaggedRow[]): Promise<ScoredRow[]> {
    const counts = await (this.counts ??= this.documents());
    if (rows.length === 0) return [];
    const phrase = this.params.phrase !== null;
    const held = (flags: string, at: number) => flags[at] === '1';
    const { rows: indexed } = this.stats;
    const members = rows.map((row) => {
      let score = 0;
      let at = 0;
      this.terms.forEach((term, i) => {
        const saturated = saturate(termFrequency(held(row.flags, at), held(row.flags, at + 1)));
        at += 2;
        score += idf(indexed, counts.all[i]!) * saturated;
        if (term.exact) {
          if (held(row.flags, at) && counts.exact[i]! > 0)
            score += idf(indexed, counts.exact[i]!) * saturated;
          at += 1;
        }
      });
      return {
        rowid: row.rowid,
        type: row.type,
        topics: row.topics,
        score,
        title: phrase && held(row.flags, at),
        whole: phrase && held(row.flags, at + 1),
      };
    });
    if (phrase) {
      // The phrase's document count: the share of the window that holds it, of the rarest term's.
      const whole = members.filter((member) => member.whole).length;
      const documents = Math.round((Math.min(...counts.all) * whole) / members.length);
      const weight = PHRASE_BOOST * idf(indexed, documents);
      for (const member of members) {
        if (member.title) member.score += weight * saturate(COLUMN_WEIGHTS.title + ELSEWHERE);
        else if (member.whole) member.score += weight * saturate(ELSEWHERE);
      }
    }
    return members.map(({ rowid, type, topics, score }) => ({ rowid, type, topics, score }));
  }

  /**
   * Each term's document count, and its word's alone: from the statistics where they list it,
   * else counted on the GIN index, which for a word they do not list reads a short list.
   */
  private async documents(): Promise<{ all: number[]; exact: number[] }> {
    const wanted: CountedForms[] = [];
    const known = (forms: CountedForms) => {
      const listed = this.stats.listed(forms);
      if (listed !== null) return listed;
      wanted.push(forms);
      return -wanted.length;
    };
    const all = this.terms.map((term) => known(term.forms));
    const exact = this.terms.map((term) =>
      term.exact ? known({ words: [term.forms.words[0]!], prefix: null }) : 0,
    );
    if (wanted.length === 0) return { all, exact };
    const queries = wanted.map((forms) =>
      [...forms.words.map(lexeme), ...(forms.prefix ? [`${lexeme(forms.prefix)}:*`] : [])].join(
        ' | ',
      ),
    );
    const row = await this.db.get<{ counts: number[] }>(
      `SELECT ARRAY[${queries
        .map((_, i) => `(SELECT COUNT(*) FROM search_docs WHERE tsv @@ CAST(@c${i} AS tsquery))`)
        .join(', ')}] AS counts`,
      Object.fromEntries(queries.map((query, i) => [`c${i}`, query])),
    );
    const counted = (value: number) => (value < 0 ? Number(row!.counts[-value - 1]) : value);
    return { all: all.map(counted), exact: exact.map(counted) };
  }

  olderArticles(filters: Filters, oldest: number, skip: number, limit: number): Promise<number[]> {
    return column<number>(
      this.db,
      `SELECT d.rowid FROM search_docs d WHERE ${this.where(filters, 'articles', 'd.rowid < @oldest', skip + limit, false)}
       ORDER BY d.rowid DESC, d.public_from DESC LIMIT @limit OFFSET @skip`,
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
    const marked = (part: number[]) =>
      this.db.all<HitRow & { body: string | null }>(
        `SELECT d.rowid, d.id, d.type, d.slug, d.url, d.title, d.summary, d.detail, d.published_at,
           ts_headline('simple', d.title, CAST(@q AS tsquery), '${HEADLINE_ALL}') AS title_marked,
           s.summary_marked,
           CASE WHEN ${summaryMatched} THEN '' ELSE ${passage('d.body')} END AS body_marked,
           CASE WHEN ${summaryMatched} THEN NULL ELSE d.body END AS body
         FROM search_docs d, LATERAL (SELECT ${passage('d.summary')} AS summary_marked) s
         WHERE d.rowid = ANY(CAST(@page AS bigint[]))`,
        { q: this.params.q, page: part },
      );
    // A long page in parts at once, on the pool's connections: one statement marks its hits one
    // after another, on one core (50 hits of 'health': 22 ms).
    const parts: number[][] = [];
    for (let at = 0; at < page.length; at += HITS_PER_STATEMENT) {
      parts.push(page.slice(at, at + HITS_PER_STATEMENT));
    }
    const rows = (await Promise.all(parts.map(marked))).flat();
    return rows.map(({ body, ...row }) => ({
      ...row,
      summary_marked: withEllipses(row.summary_marked, row.summary),
      body_marked: withEllipses(row.body_marked, body ?? ''),
    }));
  }
}

function pgTables(db: SqlRunner, stats: TermStatistics, facts: Facts): SearchTables {
  // A window's range is asked for by the total and by each count: counted once per search.
  const ranges = new Map<string, Promise<number>>();
  const count = async (from: number, to: number) =>
    (await db.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM search_docs WHERE rowid >= ? AND rowid < ?',
      [from, to],
    ))!.n;
  return {
    countRange: (from, to) => {
      if (from === 0 && to === OTHERS_FROM) return Promise.resolve(stats.totals.articles);
      if (from === OTHERS_FROM && to === Number.MAX_SAFE_INTEGER) {
        return Promise.resolve(stats.totals.others);
      }
      const key = `${from}:${to}`;
      let counted = ranges.get(key);
      if (!counted) ranges.set(key, (counted = count(from, to)));
      return counted;
    },
    typesOf: async (rowids) => {
      const known = rowids.map((rowid) => facts.get(rowid));
      if (known.some((fact) => !fact)) {
        return db.all<{ type: SearchType; n: number }>(
          'SELECT type, COUNT(*) AS n FROM search_docs WHERE rowid = ANY(CAST(? AS bigint[])) GROUP BY type',
          [rowids],
        );
      }
      const counts = new Map<SearchType, number>();
      for (const fact of known) counts.set(fact!.type, (counts.get(fact!.type) ?? 0) + 1);
      return [...counts].map(([type, n]) => ({ type, n }));
    },
    topicsOf: async (rowids, weights) => {
      if (rowids.some((rowid) => !facts.has(rowid))) {
        return db.all<{ slug: string; label: string; count: number }>(
          `SELECT t.slug, MIN(t.label) AS label,
             SUM(CASE WHEN t.doc < ${OTHERS_FROM} THEN CAST(@articles AS float8) ELSE CAST(@others AS float8) END) AS count
           FROM unnest(CAST(@docs AS bigint[])) w (doc) JOIN search_doc_topics t ON t.doc = w.doc
           GROUP BY t.slug ORDER BY count DESC, label, t.slug`,
          { docs: rowids, ...weights },
        );
      }
      // As the statement above counts them: the least label, in byte order, as `COLLATE "C"`.
      const topics = new Map<
        string,
        { slug: string; label: string; articles: number; others: number }
      >();
      for (const rowid of rowids) {
        const part = rowid < OTHERS_FROM ? 'articles' : 'others';
        for (const [slug, label] of facts.get(rowid)!.topics) {
          const topic = topics.get(slug) ?? { slug, label, articles: 0, others: 0 };
          topic[part] += 1;
          if (byteOrder(label, topic.label) < 0) topic.label = label;
          topics.set(slug, topic);
        }
      }
      return [...topics.values()]
        .map(({ slug, label, articles, others }) => ({
          slug,
          label,
          count: articles * weights.articles + others * weights.others,
        }))
        .sort(
          (a, b) => b.count - a.count || byteOrder(a.label, b.label) || byteOrder(a.slug, b.slug),
        );
    },
  };
}

/**
 * What the index knows of the query's words, asked in a few statements before planning (the
 * plan asks synchronously). A word, or a prefix, is known when a document has it; typo
 * candidates are the vocabulary's words that share trigrams with the word (pg_trgm's GIN index
 * finds them), kept when one edit away and a document still has them.
 *
 * A word the statistics list as common is taken as known without asking: asked, the GIN index
 * would gather every document that has it to answer that one does (the statistics are at most
 * as old as the last ANALYZE, which PostgreSQL runs again once a tenth of the rows changed).
 */
async function vocabulary(db: SqlRunner, q: string, stats: TermStatistics) {
  const typed = words(q).filter((word) => word.length <= MAX_TERM_LENGTH);
  const last = typed.at(-1) ?? '';
  const common = (word: string) => stats.listed({ words: [word], prefix: null }) !== null;
  const has = new Set(typed.filter(common));
  const prefixed = new Set(
    last && stats.listed({ words: [], prefix: last }) !== null ? [last] : [],
  );
  const asked = [...new Set(typed)].filter((word) => !has.has(word));
  // The vocabulary's B-tree first (a word never indexed costs one lookup), then the GIN index:
  // the vocabulary keeps the words of removed documents.
  const inDocuments = (word: string) =>
    `EXISTS (SELECT 1 FROM search_docs WHERE tsv @@ CAST(quote_literal(${word}) AS tsquery))`;
  const known =
    asked.length === 0 && (prefixed.has(last) || !last)
      ? []
      : await db.all<{ word: string; has: boolean; prefixed: boolean }>(
          `SELECT w AS word,
             CASE WHEN EXISTS (SELECT 1 FROM search_terms t WHERE t.term = w) THEN ${inDocuments('w')} ELSE false END AS has,
             CASE WHEN w = ? THEN EXISTS (
               SELECT 1 FROM (SELECT t.term FROM search_terms t WHERE t.term >= w AND t.term < w || chr(1114111)
                              ORDER BY t.term LIMIT 20) t
               WHERE ${inDocuments('t.term')}) ELSE false END AS prefixed
           FROM unnest(CAST(? AS text[])) w`,
          [
            prefixed.has(last) ? '' : last,
            prefixed.has(last) ? asked : [...new Set([...asked, last])],
          ],
        );
  for (const row of known) {
    if (row.has) has.add(row.word);
    if (row.prefixed) prefixed.add(row.word);
  }
  const unknown = [...new Set(typed)].filter(
    (word) => !has.has(word) && word.length >= MIN_TYPO_LENGTH,
  );
  const candidates = new Set<string>();
  for (const word of unknown) {
    const similar = await column<string>(
      db,
      `SELECT term FROM search_terms WHERE term % ? AND length(term) BETWEEN ? AND ?`,
      [word, word.length - 1, word.length + 1],
    );
    for (const term of similar) if (withinOneEdit(word, term)) candidates.add(term);
  }
  const confirmed = new Set([...candidates].filter(common));
  const unconfirmed = [...candidates].filter((term) => !confirmed.has(term)).sort();
  if (unconfirmed.length > 0) {
    const found = await column<string>(
      db,
      `SELECT w FROM unnest(CAST(? AS text[])) w WHERE ${inDocuments('w')}`,
      [unconfirmed],
    );
    for (const term of found) confirmed.add(term);
  }
  return {
    has: (term: string) => has.has(term),
    hasPrefix: (prefix: string) => prefixed.has(prefix),
    known: (terms: string[]) => terms.filter((term) => confirmed.has(term)).sort(),
  };
}
