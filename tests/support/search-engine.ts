import { openContentDb } from '@/lib/content/sqlite/connection';
import { searchSqlite, type WindowSizes } from '@/lib/content/sqlite/search';
import { SearchIndex, type IndexedDocument } from '@/lib/content/sqlite/search-index';
import type { View } from '@/lib/content/store';
import type { SearchQuery, SearchResponse } from '@/lib/search/types';

export interface TestEngine {
  search(query: SearchQuery, view: View): Promise<SearchResponse>;
}

/**
 * A document to index; an offering with `namedBy` exists only through those articles'
 * references to it (found while one of them is visible), as one without a profile does.
 */
export type TestDocument = Omit<IndexedDocument, 'conditional'> & { namedBy?: string[] };

/** Search over exactly these documents, on SQLite's full-text index (in memory). */
export function sqliteEngine(documents: TestDocument[], sizes?: WindowSizes): TestEngine {
  const { db } = openContentDb(':memory:', '/test');
  const index = new SearchIndex(db);
  const publicFrom = new Map(documents.map((doc) => [doc.slug, doc.publicFrom]));
  const reference = db.prepare(
    `INSERT INTO article_offerings (article_slug, position, offering_slug, label, offering_id, topics, public_from, published_at, modified_at, file, line, col)
     VALUES (?, 0, ?, ?, NULL, '[]', ?, '2026-01-01', '2026-01-01', ?, 1, 1)`,
  );
  for (const { namedBy, ...document } of documents) {
    index.add({ ...document, conditional: namedBy !== undefined });
    for (const article of namedBy ?? []) {
      reference.run(
        article,
        document.slug,
        document.title,
        publicFrom.get(article) ?? null,
        `news/${article}.mdx`,
      );
    }
  }
  return { search: async (query, view) => searchSqlite(db, query, view, sizes) };
}
