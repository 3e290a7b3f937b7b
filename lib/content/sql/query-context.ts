/**
 * What each group of the site's queries (article-queries.ts, topic-offering-queries.ts,
 * author-source-queries.ts, site-queries.ts) is given: the runner, the dialect, and the column
 * lists spelled in that dialect, made once per store rather than once per query. Also the
 * parameters a view fills in (`@preview`, `@now`, read by rows.ts's `visible`) and the paging
 * every listing shares.
 */
import type { View } from '../store';
import type { ArticleSummary, Offering, Paged } from '../types';

import {
  offering,
  offeringColumns,
  summary,
  summaryColumns,
  type OfferingRow,
  type SummaryRow,
} from './rows';
import type { Dialect, Params, SqlRunner } from './runner';

export interface QueryContext {
  readonly db: SqlRunner;
  readonly d: Dialect;
  /** The columns of an ArticleSummary (rows.ts summaryColumns) in this dialect. */
  readonly summaryColumns: string;
  /** The columns of an Offering (rows.ts offeringColumns) in this dialect. */
  readonly offeringColumns: string;
}

export function queryContext(db: SqlRunner, d: Dialect): QueryContext {
  return { db, d, summaryColumns: summaryColumns(d), offeringColumns: offeringColumns(d) };
}

/** The view's parameters, and the query's own. */
export function viewParams(view: View, extra: Record<string, unknown> = {}) {
  return { preview: view.preview ? 1 : 0, now: view.now, ...extra };
}

/** The `n` of a `SELECT COUNT(*) AS n`. */
export async function count(
  db: SqlRunner,
  sql: string,
  params: Record<string, unknown>,
): Promise<number> {
  return (await db.get<{ n: number }>(sql, params))?.n ?? 0;
}

/**
 * Page `page` of `total` items, `size` a page, or null when there is no such page (an empty
 * listing still has its first page). Only that page's items are read.
 */
export function paged<T>(
  total: number,
  page: number,
  size: number,
  items: (offset: number) => Promise<T[]>,
): Promise<Paged<T> | null> {
  const pageCount = Math.max(1, Math.ceil(total / size));
  if (!Number.isInteger(page) || page < 1 || page > pageCount) return Promise.resolve(null);
  return items((page - 1) * size).then((found) => ({ items: found, page, pageCount, total }));
}

/** The articles a query of `q.summaryColumns` finds, in its order. */
export async function summaries(
  q: QueryContext,
  sql: string,
  params: Params,
): Promise<ArticleSummary[]> {
  return (await q.db.all<SummaryRow>(sql, params)).map(summary);
}

/** The offerings a query of `q.offeringColumns` finds, in its order. */
export async function offeringList(
  q: QueryContext,
  sql: string,
  params: Params,
): Promise<Offering[]> {
  return (await q.db.all<OfferingRow>(sql, params)).map(offering);
}
