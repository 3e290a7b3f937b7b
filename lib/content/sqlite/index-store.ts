/**
 * The indexer's store on SQLite: the shared writes (lib/content/sql/index-writer.ts) in one
 * `BEGIN IMMEDIATE` transaction each, on a connection of the indexer's own.
 */
import type { IndexStore, IndexWriter, SourceState } from '../indexer/store';
import { SqlIndexWriter } from '../sql/index-writer';
import { sourceStates } from '../sql/source-rows';
import type { SqlRunner } from '../sql/runner';

import type { Db } from './connection';
import { sqliteDialect, sqliteRunner } from './runner';
import { sqliteFullText } from './search-index';

export class SqliteIndexStore implements IndexStore {
  private readonly runner: SqlRunner;
  private readonly writer: SqlIndexWriter;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Db) {
    this.runner = sqliteRunner(db);
    this.writer = new SqlIndexWriter(this.runner, sqliteDialect, sqliteFullText(db));
  }

  sourceStates(): Promise<Map<string, SourceState>> {
    return sourceStates(this.runner);
  }

  /** One writer at a time in this process; SQLite's own lock keeps other processes out. */
  write<T>(work: (tx: IndexWriter) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.writer);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): void {
    this.db.close();
  }
}
