/**
 * The indexer's store on PostgreSQL: the shared writes (lib/content/sql/index-writer.ts) in one
 * transaction each, on a connection of the pool. Several servers may index the one database at
 * once (each at its start, or on a revalidation): a transaction-level advisory lock lets one
 * batch in at a time, and since a batch replaces each file's rows whole, the last writer of a
 * file leaves exactly what one writer alone would have.
 */
import type pg from 'pg';

import type { IndexStore, IndexWriter, SourceState } from '../indexer/store';
import { sourceStates, SqlIndexWriter } from '../sql/index-writer';

import { INDEX_STATEMENT_TIMEOUT_MS, pgDialect, pgRunner, unavailable } from './connection';
import { pgFullText } from './search-index';

export class PgIndexStore implements IndexStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
  ) {}

  sourceStates(): Promise<Map<string, SourceState>> {
    return sourceStates(pgRunner(this.pool));
  }

  async write<T>(work: (tx: IndexWriter) => Promise<T>): Promise<T> {
    const client = await this.pool.connect().catch((error: unknown) => {
      throw unavailable(error);
    });
    let broken: Error | undefined;
    // A connection lost between two statements says so as an event: without a listener it
    // would end the process. The next statement fails, and the transaction with it.
    const lost = (error: Error) => {
      broken = error;
    };
    client.on('error', lost);
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL statement_timeout = ${INDEX_STATEMENT_TIMEOUT_MS}`);
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `portal-index:${this.schema}`,
      ]);
      const runner = pgRunner(client);
      const result = await work(new SqlIndexWriter(runner, pgDialect, pgFullText(runner)));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: Error) => {
        // The connection is gone: it must not go back to the pool.
        broken = rollback;
      });
      throw unavailable(error);
    } finally {
      client.off('error', lost);
      client.release(broken);
    }
  }

  /** Records that the folder has been indexed whole (the readiness check asks). */
  async markIndexed(at: Date): Promise<void> {
    await pgRunner(this.pool).run(
      `INSERT INTO meta (key, value) VALUES ('indexed_at', ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [at.toISOString()],
    );
  }

  /** The pool is the content store's too: database.ts ends it. */
  close(): void {}
}
