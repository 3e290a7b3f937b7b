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

export function sqliteRunner(db: Db): SqlRunner {
  // Each statement is compiled once per connection.
  const statements = new Map<string, Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const bind = (params: Params | undefined): unknown[] =>
    params === undefined ? [] : Array.isArray(params) ? params : [params];
  return {
    all: async <T>(sql: string, params?: Params) => prepared(sql).all(...bind(params)) as T[],
    get: async <T>(sql: string, params?: Params) =>
      prepared(sql).get(...bind(params)) as T | undefined,
    run: async (sql: string, params?: Params) => {
      prepared(sql).run(...bind(params));
    },
  };
}
