/**
 * What the SQL shared by every engine (content-store.ts, index-writer.ts) needs of a
 * connection: statements in SQLite's spelling of parameters (`@name` with an object, `?` with
 * an array), which the PostgreSQL runner turns into `$1, $2…`. The few functions the two spell
 * differently (JSON, case-blind order) come from the engine's Dialect.
 */

export type Params = Record<string, unknown> | unknown[];

export interface SqlRunner {
  all<T>(sql: string, params?: Params): Promise<T[]>;
  get<T>(sql: string, params?: Params): Promise<T | undefined>;
  run(sql: string, params?: Params): Promise<void>;
}

export interface Dialect {
  /** A JSON array (as text) of `value` for each row of `from` (FROM and WHERE), in `order`. */
  jsonList(value: string, from: string, order?: string): string;
  /** A JSON object of these keys and SQL values. */
  jsonObject(fields: Record<string, string>): string;
  /** A query of the `value`s of the JSON array of strings in `param`. */
  jsonValues(param: string): string;
  /** A query of the JSON array of objects in `param`, a column for each of `keys`. */
  jsonObjects(param: string, keys: string[]): string;
  /** `expr` in an ORDER BY that ignores case. */
  nocase(expr: string): string;
}

/** The first column of each row. */
export async function column<T>(runner: SqlRunner, sql: string, params?: Params): Promise<T[]> {
  const rows = await runner.all<Record<string, unknown>>(sql, params);
  return rows.map((row) => Object.values(row)[0] as T);
}

/** The first column of the first row, or undefined when there is none. */
export async function value<T>(
  runner: SqlRunner,
  sql: string,
  params?: Params,
): Promise<T | undefined> {
  const row = await runner.get<Record<string, unknown>>(sql, params);
  return row === undefined ? undefined : (Object.values(row)[0] as T);
}
