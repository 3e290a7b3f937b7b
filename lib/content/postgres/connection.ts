/**
 * The content database on PostgreSQL (`DATABASE_URL`): a connection pool, the shared SQL run
 * on it, and the schema made when it is missing and made again when it is of an older version
 * or of another content folder. Like SQLite's file, the schema holds only what the indexer
 * derives from the folder, so dropping it loses nothing.
 */
import pg from 'pg';

import { parseRevision } from '../compiler';
import { ContentDatabaseError } from '../store';
import type { Dialect, Params, SqlRunner } from '../sql/runner';

import { PG_SCHEMA, PG_SCHEMA_VERSION } from './schema';

/** A query that takes longer is stopped: a reader's page waits no longer than this. */
const STATEMENT_TIMEOUT_MS = 10_000;
/** A pool that cannot reach the server fails the query after this, rather than queueing it. */
const CONNECT_TIMEOUT_MS = 5_000;
/** The indexer's statements may wait this long, for another server's indexer to finish. */
export const INDEX_STATEMENT_TIMEOUT_MS = 300_000;

// bigint and numeric columns (counts, epoch milliseconds, rowids below 2^53) as numbers.
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A pool on `url` whose connections find the content tables (and pg_trgm's) unqualified. */
export function openPool(url: string, schema: string, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    // A custom variable set before pg_trgm loads is the threshold `%` uses (search.ts). No JIT
    // and no parallel workers: the content's statements take a few milliseconds, and a search's
    // subqueries make its estimated cost look large enough for either, whose compiling or
    // starting then takes longer than the statement itself.
    options: `-c search_path=${schema},public -c pg_trgm.similarity_threshold=0.1 -c jit=off -c max_parallel_workers_per_gather=0`,
    types,
  });
  // An idle connection the server drops is an event, not a crash: the next query reconnects.
  pool.on('error', (error) => {
    console.error(`content: a PostgreSQL connection was lost (${error.message})`);
  });
  return pool;
}

export const pgDialect: Dialect = {
  jsonList: (value, from, order = '') =>
    `(SELECT COALESCE(json_agg(${value} ${order}), '[]')::text ${from})`,
  jsonObject: (fields) =>
    `json_build_object(${Object.entries(fields)
      .map(([key, expr]) => `'${key}', ${expr}`)
      .join(', ')})`,
  jsonValues: (param) => `SELECT value FROM json_array_elements_text(CAST(${param} AS json))`,
  jsonObjects: (param, keys) =>
    `SELECT ${keys.map((key) => `x->>'${key}' AS ${key}`).join(', ')} FROM json_array_elements(CAST(${param} AS json)) x`,
  nocase: (expr) => `lower(${expr})`,
};

interface Converted {
  text: string;
  /** For named parameters: the name of each $n, in order. */
  names: string[] | null;
}

const converted = new Map<string, Converted>();

/** SQLite's `@name` and `?` parameters as PostgreSQL's `$1, $2…` (the SQL has them in no string). */
function convert(sql: string): Converted {
  let found = converted.get(sql);
  if (found) return found;
  // `@@` (a text search match) is an operator, not a parameter.
  if (/@[A-Za-z_]/.test(sql)) {
    const names: string[] = [];
    const text = sql.replace(/@([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
      const at = names.indexOf(name);
      if (at >= 0) return `$${at + 1}`;
      names.push(name);
      return `$${names.length}`;
    });
    found = { text, names };
  } else {
    let n = 0;
    found = { text: sql.replace(/\?/g, () => `$${++n}`), names: null };
  }
  converted.set(sql, found);
  return found;
}

function values(statement: Converted, params: Params | undefined): unknown[] {
  if (params === undefined) return [];
  if (Array.isArray(params)) return params;
  return (statement.names ?? []).map((name) => {
    if (!(name in params)) throw new Error(`SQL parameter @${name} has no value`);
    return params[name] ?? null;
  });
}

/** The shared SQL on a pool (each statement on any connection) or one transaction's client. */
export function pgRunner(client: pg.Pool | pg.PoolClient): SqlRunner {
  const query = async <T>(sql: string, params?: Params): Promise<T[]> => {
    const statement = convert(sql);
    try {
      const result = await client.query(statement.text, values(statement, params));
      return result.rows as T[];
    } catch (error) {
      throw unavailable(error);
    }
  };
  return {
    all: query,
    get: async <T>(sql: string, params?: Params) => (await query<T>(sql, params))[0],
    run: async (sql: string, params?: Params) => {
      await query(sql, params);
    },
  };
}

/** The error a page gets: the database's own message, said to be the content database's. */
export function unavailable(error: unknown): ContentDatabaseError {
  if (error instanceof ContentDatabaseError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ContentDatabaseError(
    `the content database (PostgreSQL, DATABASE_URL) failed: ${message || (error as { code?: string }).code || 'no answer'}`,
    { cause: error },
  );
}

/** The tables' version, and the compiler's: either changing makes the schema again. */
function format(): string {
  return `${PG_SCHEMA_VERSION};${parseRevision()}`;
}

/**
 * Runs `work` in one transaction on a connection of the pool, once it holds the advisory lock
 * `lock` (held until the transaction ends, so a server that dies lets go of it). Any failure is
 * a ContentDatabaseError, and nothing of the transaction is kept.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  lock: string,
  work: (client: pg.PoolClient) => Promise<T>,
  statementTimeoutMs = STATEMENT_TIMEOUT_MS,
): Promise<T> {
  const client = await pool.connect().catch((error: unknown) => {
    throw unavailable(error);
  });
  // A connection lost between two statements says so as an event: without a listener it would
  // end the process. The next statement fails, and the transaction with it.
  let broken: Error | undefined;
  const lost = (error: Error) => {
    broken = error;
  };
  client.on('error', lost);
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL statement_timeout = ${statementTimeoutMs}`);
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lock]);
    const result = await work(client);
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

/**
 * Makes the schema when it is missing, of another version or of another folder, one server at
 * a time (any schema, and pg_trgm once per database); answers why it was made (and so holds
 * nothing yet), or null when it was kept.
 */
export function prepareSchema(
  pool: pg.Pool,
  schema: string,
  contentDir: string,
): Promise<string | null> {
  return inTransaction(
    pool,
    'portal-content-schema',
    async (client) => {
      const problem = await checkExisting(client, schema, contentDir);
      if (problem) {
        await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public');
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.query(`CREATE SCHEMA "${schema}"`);
        await client.query(`SET LOCAL search_path = "${schema}", public`);
        await client.query(PG_SCHEMA);
        await client.query(
          `INSERT INTO meta (key, value) VALUES ('schema_version', $1), ('content_dir', $2)`,
          [format(), contentDir],
        );
      }
      return problem;
    },
    // Dropping a large schema may take a while.
    INDEX_STATEMENT_TIMEOUT_MS,
  );
}

async function checkExisting(
  client: pg.PoolClient,
  schema: string,
  contentDir: string,
): Promise<string | null> {
  const exists = await client.query(
    `SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'meta'`,
    [schema],
  );
  if (exists.rowCount === 0)
    return `there was no content schema "${schema}" in DATABASE_URL's database`;
  const rows = await client.query<{ key: string; value: string }>(
    `SELECT key, value FROM "${schema}".meta`,
  );
  const meta = new Map(rows.rows.map((row) => [row.key, row.value]));
  if (meta.get('schema_version') !== format()) {
    return `the content schema "${schema}" was made by another version of the portal (${meta.get('schema_version') ?? 'unknown'}), not ${format()}`;
  }
  if (meta.get('content_dir') !== contentDir) {
    return `the content schema "${schema}" was made from ${meta.get('content_dir')}, not ${contentDir}`;
  }
  return null;
}
