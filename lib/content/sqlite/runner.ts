/**
 * The shared SQL (lib/content/sql) on a better-sqlite3 connection. Its calls are synchronous;
 * they are wrapped in promises only to share the interface PostgreSQL's asynchronous client has.
 */
import type { Dialect, Params, SqlRunner } from '../sql/runner';

import type { Statement } from 'better-sqlite3';

import type { Db } from './connection';

export const sqliteDialect: Dialect = {
  jsonList: (value, from, order = '') =>
    `(SELECT json_group_array(${value}) FROM (SELECT * ${from} ${order}))`,
  jsonObject: (fields) =>
    `json_object(${Object.entries(fields)
      .map(([key, expr]) => `'${key}', ${expr}`)
      .join(', ')})`,
  jsonValues: (param) => `SELECT value FROM json_each(${param})`,
  jsonObjects: (param, keys) =>
    `SELECT ${keys.map((key) => `json_extract(value, '$.${key}') AS ${key}`).join(', ')} FROM json_each(${param})`,
  nocase: (expr) => `${expr} COLLATE NOCASE`,
};

const compiled = new WeakMap<Db, Map<string, Statement>>();

/**
 * The statement of `sql`, compiled once per connection: better-sqlite3 compiles on every
 * prepare(), which for the dozen statements of a search is a share of its time. Only for SQL
 * of a fixed set (never with values written into it), since each is kept for the connection's
 * life; a caller that sets a statement's mode (pluck, raw) always uses that SQL in that mode.
 */
export function prepared(db: Db, sql: string): Statement {
  let statements = compiled.get(db);
  if (!statements) compiled.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

/**
 * A number that changes when another connection commits a change to the database: what a
 * connection keeps of it is good until then.
 */
export function dataVersion(db: Db): number {
  return prepared(db, 'PRAGMA data_version').pluck().get() as number;
}

export function sqliteRunner(db: Db): SqlRunner {
  const bind = (params: Params | undefined): unknown[] =>
    params === undefined ? [] : Array.isArray(params) ? params : [params];
  return {
    all: async <T>(sql: string, params?: Params) => prepared(db, sql).all(...bind(params)) as T[],
    get: async <T>(sql: string, params?: Params) =>
      prepared(db, sql).get(...bind(params)) as T | undefined,
    run: async (sql: string, params?: Params) => {
      prepared(db, sql).run(...bind(params));
    },
  };
}
