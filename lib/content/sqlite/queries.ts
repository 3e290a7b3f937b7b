/**
 * The content store on SQLite: the shared queries (lib/content/sql/content-store.ts) and FTS5
 * search (search.ts).
 */
import { SqlContentStore } from '../sql/content-store';

import type { Db } from './connection';
import { sqliteDialect, sqliteRunner } from './runner';
import { searchSqlite } from './search';

export class SqliteContentStore extends SqlContentStore {
  constructor(db: Db) {
    super(sqliteRunner(db), sqliteDialect, async (query, view) => searchSqlite(db, query, view));
  }
}
