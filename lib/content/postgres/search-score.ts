/**
 * What PostgreSQL search knows of the whole index to score a window at a cost that does not
 * grow with the archive, as lib/content/sqlite/search-score.ts does for SQLite:
 *
 * - when every term of the query is in fewer than EXACT_UP_TO documents, its matches are few and
 *   the window is ranked exactly, by `ts_rank` over the whole vector (search.ts);
 * - otherwise `ts_rank` over a thousand vectors, each read whole and walked for every form of
 *   every term, is most of the query's time: the window is scored by bm25's formula
 *   (lib/content/sql/search-estimate.ts) from which of the title and keywords each term is in
 *   (the small `head` vector), whether the word itself is there and whether the whole phrase
 *   is, with each term's document count.
 *
 * Document counts come from the statistics ANALYZE keeps of the vectors: the frequency of each
 * of its most common words, which are exactly the words that make a window costly. A word it
 * does not list is rarer than the least common one it does; it is counted by the GIN index when
 * its count is needed, which for a rare word is cheap. The same statistics of the topics' and
 * offerings' own index (schema.ts) say how common a word is among their short texts, where the
 * words most articles hold are often rare. ANALYZE's histogram of rowids says, as well, how far
 * back a number of the newest articles reaches, and how far on a number of the topics and
 * offerings (search.ts gives such ranges to the GIN index with a rarer word).
 */
import { EXACT_UP_TO } from '../sql/search-estimate';
import { OTHERS_FROM } from '../sql/search-index';
import type { SqlRunner } from '../sql/runner';

/** The forms of one term, as counted: words, and a prefix that stands for every word it begins. */
export interface CountedForms {
  words: string[];
  prefix: string | null;
}

export interface TermStatistics {
  /** Documents in the index: articles, and topics and offerings. */
  totals: { articles: number; others: number };
  rows: number;
  /**
   * Documents holding any of the forms, from the statistics; null when none of them is listed
   * there, that is when each is in fewer documents than `unlistedBelow`.
   */
  listed(forms: CountedForms): number | null;
  /** Fewer documents than this hold a word the statistics do not list. */
  unlistedBelow: number;
  /**
   * As listed(), among the topics and offerings alone: the statistics ANALYZE keeps of their
   * own index (schema.ts).
   */
  listedAmongOthers(forms: CountedForms): number | null;
  /**
   * The rowid from which there are at least `articles` of the newest articles, by the
   * statistics' histogram of rowids; null when it holds fewer.
   */
  newestFrom(articles: number): number | null;
  /**
   * The rowid below which there are at least `others` of the topics and offerings, by the same
   * histogram; null when it holds fewer.
   */
  othersUpTo(others: number): number | null;
}

/** The most common words of some vectors, sorted, and the share of the vectors holding each. */
interface Frequencies {
  words: string[];
  byWord: Map<string, number>;
  /** The share of the least common word listed. */
  least: number;
}

interface Kept {
  analyzed: number | null;
  all: Frequencies;
  others: Frequencies;
  /** The histogram's bounds below OTHERS_FROM, and documents between two bounds. */
  articleBounds: number[];
  /** The histogram's bounds from OTHERS_FROM on. */
  otherBounds: number[];
  perBucket: number;
}

const kept = new WeakMap<SqlRunner, Kept>();

/**
 * The index's totals (kept by triggers, schema.ts), its word frequencies and its rowid
 * histogram, read again only when ANALYZE has run since: a few hundred words and their
 * frequencies, and a hundred bounds, per content store.
 */
export async function termStatistics(db: SqlRunner): Promise<TermStatistics> {
  const state = await db.get<{ articles: number; others: number; analyzed: Date | null }>(
    `SELECT (SELECT n FROM search_counts WHERE part = 'articles') AS articles,
       (SELECT n FROM search_counts WHERE part = 'others') AS others,
       GREATEST(pg_stat_get_last_analyze_time(c.oid), pg_stat_get_last_autoanalyze_time(c.oid)) AS analyzed
     FROM pg_class c WHERE c.oid = CAST('search_docs' AS regclass)`,
  );
  const analyzed = state?.analyzed?.getTime() ?? null;
  let known = kept.get(db);
  if (!known || known.analyzed !== analyzed) {
    known = await statistics(db, analyzed);
    kept.set(db, known);
  }
  const totals = { articles: state?.articles ?? 0, others: state?.others ?? 0 };
  const rows = totals.articles + totals.others;
  const { all, others, articleBounds, otherBounds, perBucket } = known;
  return {
    totals,
    rows,
    unlistedBelow: Math.ceil(all.least * rows),
    listed: (forms) => listedIn(all, forms, rows),
    listedAmongOthers: (forms) => listedIn(others, forms, totals.others),
    newestFrom: (articles) => {
      const at = articleBounds.length - 1 - Math.ceil(articles / Math.max(1, perBucket));
      return at >= 0 ? articleBounds[at]! : null;
    },
    othersUpTo: (others) => otherBounds[Math.ceil(others / Math.max(1, perBucket))] ?? null,
  };
}

/** Of `rows` vectors, those holding any of the forms; null when no form is listed. */
function listedIn(known: Frequencies, forms: CountedForms, rows: number): number | null {
  const { words, byWord } = known;
  let found: number | null = null;
  const note = (frequency: number) => (found = Math.max(found ?? 0, frequency));
  for (const word of forms.words) {
    const frequency = byWord.get(word);
    if (frequency !== undefined) note(frequency);
  }
  if (forms.prefix !== null) {
    // The words it begins are in at least as many documents as the most common of them, and
    // in at most as many as all of them together: their sum, capped, is taken.
    let sum = 0;
    let listedAny = false;
    for (let i = firstFrom(words, forms.prefix); i < words.length; i++) {
      const word = words[i]!;
      if (!word.startsWith(forms.prefix)) break;
      sum += byWord.get(word) ?? 0;
      listedAny = true;
    }
    if (listedAny) note(Math.min(1, sum));
  }
  return found === null ? null : Math.round(found * rows);
}

/** Whether the query is scored exactly: every term in fewer than `exactUpTo` documents. */
export function allRare(
  stats: TermStatistics,
  terms: CountedForms[],
  exactUpTo = EXACT_UP_TO,
): boolean {
  return terms.every((forms) => {
    const listed = stats.listed(forms);
    return listed === null ? stats.unlistedBelow < exactUpTo : listed < exactUpTo;
  });
}

async function statistics(db: SqlRunner, analyzed: number | null): Promise<Kept> {
  // Bounds of equal shares of the rows; they come back as text (bigint[]).
  const histogram = await db.get<{ bounds: string[] | null; rows: number }>(
    `SELECT CAST(CAST(s.histogram_bounds AS text) AS bigint[]) AS bounds, c.reltuples AS rows
     FROM pg_stats s, pg_class c
     WHERE s.schemaname = current_schema() AND s.tablename = 'search_docs' AND s.attname = 'rowid'
       AND c.oid = CAST('search_docs' AS regclass)`,
  );
  const bounds = (histogram?.bounds ?? []).map(Number);
  return {
    analyzed,
    all: await frequencies(db, `tablename = 'search_docs' AND attname = 'tsv'`),
    // The index has one column, named after its expression.
    others: await frequencies(db, `tablename = 'search_docs_others_tsv'`),
    articleBounds: bounds.filter((bound) => bound < OTHERS_FROM),
    otherBounds: bounds.filter((bound) => bound >= OTHERS_FROM),
    perBucket: bounds.length > 1 ? (histogram?.rows ?? 0) / (bounds.length - 1) : 0,
  };
}

/** The statistics of the column of vectors `which` names in pg_stats. */
async function frequencies(db: SqlRunner, which: string): Promise<Frequencies> {
  const row = await db.get<{ words: string[] | null; frequencies: number[] | null }>(
    `SELECT CAST(CAST(most_common_elems AS text) AS text[]) AS words,
       most_common_elem_freqs AS frequencies
     FROM pg_stats WHERE schemaname = current_schema() AND ${which}`,
  );
  const words = row?.words ?? [];
  const listed = row?.frequencies ?? [];
  // After the words' own: the least and the most frequent, then the share of empty vectors.
  return {
    words: [...words].sort(),
    byWord: new Map(words.map((word, i) => [word, listed[i] ?? 0])),
    least: words.length > 0 ? (listed[words.length] ?? 0) : 0,
  };
}

/** The index of the first of the sorted `words` at or after `prefix`. */
function firstFrom(words: string[], prefix: string): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (words[middle]! < prefix) low = middle + 1;
    else high = middle;
  }
  return low;
}
