import { openContentDb } from '@/lib/content/sqlite/connection';
import { sqliteDialect, sqliteRunner } from '@/lib/content/sqlite/runner';
import { searchSqlite } from '@/lib/content/sqlite/search';
import type { WindowSizes } from '@/lib/content/sql/search-window';
import { sqliteFullText } from '@/lib/content/sqlite/search-index';
import type { SqlRunner } from '@/lib/content/sql/runner';
import { SearchIndex, type IndexedDocument } from '@/lib/content/sql/search-index';
import type { View } from '@/lib/content/store';
import type { SearchQuery, SearchResponse } from '@/lib/search/types';

export interface TestEngine {
  search(query: SearchQuery, view: View): Promise<SearchResponse>;
}

/**
 * A document to index; an offering with `namedBy` exists only through those articles'
 * references to it (found while one of them is visible), as one without a profile does, and
 * is public from the earliest of their dates, as lib/content/sql/stand-ins.ts writes it.
 */
export type TestDocument = Omit<IndexedDocument, 'conditional'> & { namedBy?: string[] };

/** Writes exactly these documents (and the references `namedBy` stands for) through `index`. */
export async function indexDocuments(
  db: SqlRunner,
  index: SearchIndex,
  documents: TestDocument[],
): Promise<void> {
  const publicFrom = new Map(documents.map((doc) => [doc.slug, doc.publicFrom]));
  for (const { namedBy, ...document } of documents) {
    const dates = (namedBy ?? []).flatMap((article) => publicFrom.get(article) ?? []);
    await index.add({
      ...document,
      publicFrom: namedBy ? (dates.length > 0 ? Math.min(...dates) : null) : document.publicFrom,
      conditional: namedBy !== undefined,
    });
    for (const article of namedBy ?? []) {
      await db.run(
        `INSERT INTO article_offerings (article_slug, position, offering_slug, label, offering_id, topics, public_from, published_at, modified_at, file, line, col)
         VALUES (?, 0, ?, ?, NULL, '[]', ?, '2026-01-01', '2026-01-01', ?, 1, 1)`,
        [
          article,
          document.slug,
          document.title,
          publicFrom.get(article) ?? null,
          `news/${article}.mdx`,
        ],
      );
    }
  }
}

/**
 * Search over exactly these documents, on SQLite's full-text index (in memory); `exactUpTo` 0
 * scores every query as one of common words (lib/content/sqlite/search-score.ts).
 */
export function sqliteEngine(
  documents: TestDocument[],
  sizes?: WindowSizes,
  exactUpTo?: number,
): TestEngine {
  const { db } = openContentDb(':memory:', '/test');
  const runner = sqliteRunner(db);
  const ready = indexDocuments(
    runner,
    new SearchIndex(runner, sqliteDialect, sqliteFullText(db)),
    documents,
  );
  return {
    search: async (query, view) => {
      await ready;
      return searchSqlite(db, query, view, sizes, exactUpTo);
    },
  };
}

/**
 * The engine the test project runs on: SQLite, or PostgreSQL in the postgres project; `exactUpTo`
 * 0 scores every query as one of common words, by the engine's estimate.
 */
export async function engineUnderTest(): Promise<
  (documents: TestDocument[], sizes?: WindowSizes, exactUpTo?: number) => TestEngine
> {
  if (process.env.CONTENT_ENGINE !== 'postgres') return sqliteEngine;
  return (await import('./postgres')).postgresEngine;
}
