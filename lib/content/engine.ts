/**
 * Opens the content database a setting names (lib/config.ts), for the scripts and the tests:
 * the store, the indexer's store and plain SQL on it. The site itself goes through
 * database.ts, which adds its recovery and readiness on top.
 */
import type { ContentDatabaseSetting } from '../config';

import type { IndexStore } from './indexer/store';
import { openPool, pgRunner, prepareSchema } from './postgres/connection';
import { PgIndexStore } from './postgres/index-store';
import { PgContentStore } from './postgres/queries';
import type { SqlRunner } from './sql/runner';
import { openContentDb, openWriter } from './sqlite/connection';
import { SqliteIndexStore } from './sqlite/index-store';
import { SqliteContentStore } from './sqlite/queries';
import { sqliteRunner } from './sqlite/runner';
import type { ContentStore } from './store';

export interface ContentEngine {
  store: ContentStore;
  index: IndexStore & { markIndexed?: (at: Date) => Promise<void> };
  /** SQL on the database (the same on both engines, see lib/content/sql/runner.ts). */
  sql: SqlRunner;
  /** Why the database was made and holds nothing yet; null when it was opened as it was. */
  fresh: string | null;
  close: () => Promise<void>;
}

export async function openEngine(
  setting: ContentDatabaseSetting,
  dir: string,
): Promise<ContentEngine> {
  if (setting.engine === 'sqlite') {
    const { db, fresh } = openContentDb(setting.file, dir);
    const index = new SqliteIndexStore(openWriter(setting.file));
    return {
      store: new SqliteContentStore(db),
      index,
      sql: sqliteRunner(db),
      fresh,
      close: async () => {
        index.close();
        db.close();
      },
    };
  }
  const pool = openPool(setting.url, setting.schema);
  try {
    const fresh = await prepareSchema(pool, setting.schema, dir);
    return {
      store: new PgContentStore(pool),
      index: new PgIndexStore(pool, setting.schema),
      sql: pgRunner(pool),
      fresh,
      close: () => pool.end(),
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
