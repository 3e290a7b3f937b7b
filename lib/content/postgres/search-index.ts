/**
 * PostgreSQL's full-text index over `search_docs`: a `tsvector` per document, title weighted A,
 * keywords B, summary C and body D, with a GIN index (schema.ts).
 *
 * The vector is written here from the words lib/search/plan.ts makes (`words()`), not by a
 * text search configuration: queries are made of the same words, so a document and a query
 * fold case and accents exactly alike, in every script, whatever the database's locale.
 */
import { MAX_TERM_LENGTH, words } from '../../search/plan';
import { TEXT_COLUMNS, type FullText, type IndexedText } from '../sql/search-index';
import type { SqlRunner } from '../sql/runner';

const WEIGHTS = { title: 'A', keywords: 'B', summary: 'C', body: 'D' } as const;
/** PostgreSQL keeps positions up to this, and this many per word. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_WORD = 255;

/**
 * The document as a tsvector literal: each word with its positions and its column's weight.
 * Columns are a position apart, so a phrase never runs from one into the next.
 */
export function documentVector(text: IndexedText): string {
  return vectorOf(text, TEXT_COLUMNS);
}

/**
 * The title and keywords alone, as documentVector() writes them: what a window of common words
 * is scored by (search-score.ts), small enough to read for a thousand rows.
 */
export function headVector(text: IndexedText): string {
  return vectorOf(text, HEAD_COLUMNS);
}

const HEAD_COLUMNS = ['title', 'keywords'] as const;

function vectorOf(text: IndexedText, columns: readonly (keyof typeof WEIGHTS)[]): string {
  const entries = new Map<string, string[]>();
  let position = 0;
  for (const column of columns) {
    for (const word of words(text[column])) {
      position = Math.min(position + 1, MAX_POSITION);
      // Longer runs are never searched for (plan.ts); their positions still count.
      if (word.length > MAX_TERM_LENGTH) continue;
      const positions = entries.get(word) ?? [];
      if (positions.length < MAX_POSITIONS_PER_WORD)
        positions.push(`${position}${WEIGHTS[column]}`);
      entries.set(word, positions);
    }
    position = Math.min(position + 1, MAX_POSITION);
  }
  return [...entries].map(([word, positions]) => `'${word}':${positions.join(',')}`).join(' ');
}

export function pgFullText(db: SqlRunner): FullText {
  return {
    // The topics too (written just before, lib/content/sql/search-index.ts): a window reads
    // them with its rows, where looking up each member's took half of the window's statement.
    add: (rowid, text) =>
      db.run(
        `UPDATE search_docs SET tsv = CAST(? AS tsvector), head = CAST(? AS tsvector),
           topics = (SELECT COALESCE(json_agg(json_build_array(t.slug, t.label) ORDER BY t.rowid), '[]')
                     FROM search_doc_topics t WHERE t.doc = search_docs.rowid)
         WHERE rowid = ?`,
        [documentVector(text), headVector(text), rowid],
      ),
    // The vector goes with its row.
    remove: async () => undefined,
  };
}
