import { openContentDb } from '@/lib/content/sqlite/connection';
import { searchSqlite } from '@/lib/content/sqlite/search';
import { SearchIndex, type IndexedDocument } from '@/lib/content/sqlite/search-index';
import type { View } from '@/lib/content/store';
import type { SearchQuery, SearchResponse } from '@/lib/search/types';

export interface TestEngine {
  search(query: SearchQuery, view: View): Promise<SearchResponse>;
}

/** Search over exactly these documents, on SQLite's full-text index (in memory). */
export function sqliteEngine(documents: IndexedDocument[]): TestEngine {
  const { db } = openContentDb(':memory:', '/test');
  const index = new SearchIndex(db);
  for (const document of documents) index.add(document);
  return { search: async (query, view) => searchSqlite(db, query, view) };
}
