/**
 * The indexer's store on SQLite: the shared writes (lib/content/sql/index-writer.ts) in one
 * `BEGIN IMMEDIATE` transaction each, on a connection of the indexer's own; and the full-text
 * index merged when a run has left it in many pieces.
 */
import type { IndexStore, IndexWriter, SourceState } from '../indexer/store';
import { SqlIndexWriter } from '../sql/index-writer';
import { sourceStates } from '../sql/source-rows';
import type { SqlRunner } from '../sql/runner';

import type { Db } from './connection';
import { sqliteDialect, sqliteRunner } from './runner';
import { sqliteFullText } from './search-index';

const MAX_SEGMENTS = 8;

export class SqliteIndexStore implements IndexStore {
  private readonly runner: SqlRunner;
  private readonly writer: SqlIndexWriter;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Db) {
    this.runner = sqliteRunner(db);
    this.writer = new SqlIndexWriter(this.runner, sqliteDialect, sqliteFullText(db));
  }

  sourceStates(files?: readonly string[]): Promise<Map<string, SourceState>> {
    return sourceStates(this.runner, sqliteDialect, files);
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

  /**
   * Merges FTS5's index into one segment when a run has left more than MAX_SEGMENTS. A query
   * looks up each of its strings in every segment: a first run over 100,000 articles leaves 12,
   * and search on them took half as long again as on one (17 s to merge). The few small
   * segments of small runs are FTS5's automerge's to keep few.
   */
  async compact(): Promise<void> {
    const segments = this.db
      .prepare('SELECT COUNT(DISTINCT segid) FROM search_fts_idx')
      .pluck()
      .get() as number;
    if (segments <= MAX_SEGMENTS) return;
    await this.write(async () => {
      this.db.exec(`INSERT INTO search_fts (search_fts) VALUES ('optimize')`);
    });
  }

  /**
   * Gives back the pages a run cached (up to SQLite's 16 MB page cache): in a server, runs are
   * minutes or days apart, and the reading connection has a cache of its own.
   */
  release(): void {
    this.db.pragma('shrink_memory');
  }

  close(): void {
    this.db.close();
  }
}
