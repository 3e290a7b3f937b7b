/**
 * The indexer's store on PostgreSQL: the shared writes (lib/content/sql/index-writer.ts) in one
 * transaction each, on a connection of the pool. Several servers may index the one database at
 * once (each at its start, or on a revalidation): a transaction-level advisory lock lets one
 * batch in at a time, and since a batch replaces each file's rows whole, the last writer of a
 * file leaves exactly what one writer alone would have.
 */
import type pg from 'pg';

import type { IndexStore, IndexWriter, SourceState } from '../indexer/store';
import { SqlIndexWriter } from '../sql/index-writer';
import { sourceStates } from '../sql/source-rows';

import {
  INDEX_STATEMENT_TIMEOUT_MS,
  inTransaction,
  pgDialect,
  pgRunner,
  unavailable,
} from './connection';
import { pgFullText } from './search-index';

export class PgIndexStore implements IndexStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
  ) {}

  sourceStates(files?: readonly string[]): Promise<Map<string, SourceState>> {
    return sourceStates(pgRunner(this.pool), pgDialect, files);
  }

  write<T>(work: (tx: IndexWriter) => Promise<T>): Promise<T> {
    return inTransaction(
      this.pool,
      `portal-index:${this.schema}`,
      (client) => {
        const runner = pgRunner(client);
        return work(new SqlIndexWriter(runner, pgDialect, pgFullText(runner)));
      },
      INDEX_STATEMENT_TIMEOUT_MS,
    );
  }

  /**
   * Vacuums the search tables after a run. GIN keeps new entries in a pending list, which every
   * search through the index reads whole, up to 4 MB of it (407 pages after the first run of
   * the 100,000-article bench), until a vacuum moves them into the index; and only a vacuum
   * marks pages all-visible, without which a range count reads rows rather than the index alone
   * (7,114 of them, 9-14 ms, for a window of 'value based care contracts' after that run).
   */
  async compact(): Promise<void> {
    const client = await this.pool.connect().catch((error: unknown) => {
      throw unavailable(error);
    });
    try {
      // VACUUM runs outside a transaction, so SET (not SET LOCAL), undone before release.
      await client.query(`SET statement_timeout = ${INDEX_STATEMENT_TIMEOUT_MS}`);
      await client.query('VACUUM search_docs, search_terms');
      await client.query('RESET statement_timeout');
      client.release();
    } catch (error) {
      // Its session may keep the long timeout: it does not go back to the pool.
      client.release(true);
      throw unavailable(error);
    }
  }

  /**
   * Records that the folder has been indexed whole (the readiness check asks), with fresh
   * statistics of the vectors: search tells common words from rare ones by them (search-score.ts).
   */
  async markIndexed(at: Date): Promise<void> {
    await pgRunner(this.pool).run('ANALYZE search_docs');
    await pgRunner(this.pool).run(
      `INSERT INTO meta (key, value) VALUES ('indexed_at', ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [at.toISOString()],
    );
  }

  /** The pool is the content store's too: database.ts ends it. */
  close(): void {}
}
