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

/** Rows this much in rowid order (ANALYZE's correlation, 1 at best) are left as they are. */
const IN_ORDER = 0.9;

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
   * Vacuums the search tables after a run, having first put `search_docs` in rowid order when
   * it is not. GIN keeps new entries in a pending list, which every search through the index
   * reads whole, up to 4 MB of it (407 pages after the first run of the 100,000-article bench),
   * until a vacuum moves them into the index; and only a vacuum marks pages all-visible, without
   * which a range count reads rows rather than the index alone (7,114 of them, 9-14 ms, for a
   * window of 'value based care contracts' after that run).
   *
   * Rows in rowid order make a range of the newest articles a range of pages, which the BRIN
   * index finds at once (schema.ts, search.ts). A first run writes them in the folder's order;
   * later ones add new articles, the newest rowids, at the end, so the order mostly holds.
   * CLUSTER rewrites the table and its indexes and blocks their readers meanwhile (18 s at
   * 100,000 articles), so it runs only when ANALYZE's correlation of rowids with the rows'
   * places has fallen below IN_ORDER, or is not known yet.
   */
  async compact(): Promise<void> {
    const client = await this.pool.connect().catch((error: unknown) => {
      throw unavailable(error);
    });
    try {
      // VACUUM runs outside a transaction, so SET (not SET LOCAL), undone before release.
      await client.query(`SET statement_timeout = ${INDEX_STATEMENT_TIMEOUT_MS}`);
      const order = await client.query<{ correlation: number | null }>(
        `SELECT correlation FROM pg_stats
         WHERE schemaname = current_schema() AND tablename = 'search_docs' AND attname = 'rowid'`,
      );
      const correlation = order.rows[0]?.correlation ?? null;
      const ordered = correlation !== null && correlation >= IN_ORDER;
      if (!ordered) await client.query('CLUSTER search_docs USING search_docs_pkey');
      // After a CLUSTER, ANALYZE too: the correlation it keeps is what the next run goes by.
      await client.query(`VACUUM ${ordered ? '' : '(ANALYZE) '}search_docs, search_terms`);
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
