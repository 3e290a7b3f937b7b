/**
 * The content store on PostgreSQL: the shared queries (lib/content/sql/content-store.ts) and
 * tsvector search (search.ts).
 */
import type pg from 'pg';

import { SqlContentStore } from '../sql/content-store';

import { pgDialect, pgRunner } from './connection';
import { searchPostgres } from './search';

export class PgContentStore extends SqlContentStore {
  constructor(pool: pg.Pool) {
    const runner = pgRunner(pool);
    super(runner, pgDialect, (query, view) => searchPostgres(runner, query, view));
  }
}
