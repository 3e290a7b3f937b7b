import pg from 'pg';

import { openPool, pgDialect, pgRunner, prepareSchema } from '@/lib/content/postgres/connection';
import { searchPostgres } from '@/lib/content/postgres/search';
import { pgFullText } from '@/lib/content/postgres/search-index';
import { SearchIndex } from '@/lib/content/sql/search-index';
import type { WindowSizes } from '@/lib/content/sql/search-window';

import { indexDocuments, type TestDocument, type TestEngine } from './search-engine';

const pools: pg.Pool[] = [];
let engines = 0;

/** The test database (postgres-setup.ts has checked it is set). */
export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL!;
}

/** A pool on a schema of this test file's own: `<file's schema>_<suffix>`. */
export function testPool(suffix: string): { pool: pg.Pool; schema: string } {
  const schema = `${process.env.CONTENT_DB_SCHEMA}_${suffix}`;
  const pool = openPool(testDatabaseUrl(), schema, 4);
  pools.push(pool);
  return { pool, schema };
}

/**
 * Search over exactly these documents, on PostgreSQL's full-text index (a schema of its own);
 * `exactUpTo` 0 scores every query as one of common words (lib/content/postgres/search-score.ts).
 */
export function postgresEngine(
  documents: TestDocument[],
  sizes?: WindowSizes,
  exactUpTo?: number,
): TestEngine {
  const { pool, schema } = testPool(`e${++engines}`);
  const runner = pgRunner(pool);
  const ready = prepareSchema(pool, schema, '/test').then(() =>
    indexDocuments(runner, new SearchIndex(runner, pgDialect, pgFullText(runner)), documents),
  );
  return {
    search: async (query, view) => {
      await ready;
      return searchPostgres(runner, query, view, sizes, exactUpTo);
    },
  };
}

/** Ends this file's pools (the site's too) and drops its schemas. */
export async function dropTestSchemas(url: string, schema: string): Promise<void> {
  const { closeContentDatabase } = await import('@/lib/content/database');
  closeContentDatabase();
  await Promise.all(pools.splice(0).map((pool) => pool.end().catch(() => undefined)));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace WHERE nspname = $1 OR nspname LIKE $2`,
      [schema, `${schema}\\_%`],
    );
    for (const { name } of rows) await client.query(`DROP SCHEMA "${name}" CASCADE`);
  } finally {
    await client.end();
  }
}
