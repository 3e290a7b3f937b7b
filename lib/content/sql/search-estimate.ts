/**
 * bm25's formula where the engine cannot afford it whole: for a window of common words, whose
 * document counts would be read from most of the archive. Each engine finds, within the window,
 * in which of the title and keywords each term is (lib/content/sqlite/search-score.ts,
 * lib/content/postgres/search-score.ts); this turns that into a score. Each repeat of a word and
 * the document's length are not known there; the title still outweighs any body, the word
 * itself a longer word, and the whole phrase the words scattered.
 */

/** A term's document count is known exactly below this; above, the window is scored by estimate. */
export const EXACT_UP_TO = 2000;
/** bm25 weights of title, keywords (vendor, topics, source), summary and body. */
export const COLUMN_WEIGHTS = { title: 6.0, keywords: 2.5, summary: 1.5, body: 1.0 } as const;
/** FTS5's bm25 k1 (fts5_aux.c); its b does not matter for a document of average length. */
const K1 = 1.2;
/** Weight of a term found in neither the title nor the keywords: most often the body's. */
export const ELSEWHERE = COLUMN_WEIGHTS.body;

/** bm25's term frequency part for a document of average length. */
export function saturate(frequency: number): number {
  return (frequency * (K1 + 1)) / (frequency + K1);
}

/** A term's weighted frequency from the columns it is in: the body's when in neither. */
export function termFrequency(inTitle: boolean, inKeywords: boolean): number {
  return (
    (inTitle ? COLUMN_WEIGHTS.title : 0) + (inKeywords ? COLUMN_WEIGHTS.keywords : 0) || ELSEWHERE
  );
}

/** bm25's inverse document frequency among `rows` documents, floored as FTS5 floors it. */
export function idf(rows: number, documents: number): number {
  const value = Math.log((rows - documents + 0.5) / (documents + 0.5));
  return value > 0 ? value : 1e-6;
}
