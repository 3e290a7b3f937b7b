/**
 * The site's queries for articles: one article, the paged listings (all, by topic, author or
 * source), and the articles shown beside one (related, newer and older in its topic). The
 * listings by reference read their reference table's index in order and join the articles of
 * one page only, so a topic named by 40,000 articles costs what its page shows.
 */
import type { Position, TopicNeighbours, View } from '../store';
import type { Article, ArticleSummary, Paged } from '../types';

import { count, paged, summaries, viewParams, type QueryContext } from './query-context';
import {
  ARTICLE_VISIBLE,
  BESIDE,
  NEWEST_FIRST,
  REFERENCES_NEWEST_FIRST,
  summary,
  visible,
  type SummaryRow,
} from './rows';
import { value } from './runner';

export async function article(q: QueryContext, slug: string, view: View): Promise<Article | null> {
  const row = await q.db.get<SummaryRow & { body_code: string }>(
    `SELECT ${q.summaryColumns}, a.body_code, d.body AS body_text FROM articles a
       JOIN search_docs d ON d.id = 'article:' || a.slug WHERE a.slug = @slug AND ${ARTICLE_VISIBLE}`,
    viewParams(view, { slug }),
  );
  if (!row) return null;
  return {
    ...summary(row),
    body: { code: row.body_code, text: (row as unknown as { body_text: string }).body_text },
  };
}

export async function articles(
  q: QueryContext,
  page: number,
  size: number,
  view: View,
): Promise<Paged<ArticleSummary> | null> {
  const params = viewParams(view, { size });
  const total = await count(
    q.db,
    `SELECT COUNT(*) AS n FROM articles a WHERE ${ARTICLE_VISIBLE}`,
    params,
  );
  return paged(total, page, size, (offset) =>
    summaries(
      q,
      `SELECT ${q.summaryColumns} FROM articles a WHERE ${ARTICLE_VISIBLE} ${NEWEST_FIRST} LIMIT @size OFFSET @offset`,
      { ...params, offset },
    ),
  );
}

export async function articlesBySource(
  q: QueryContext,
  brand: string,
  page: number,
  size: number,
  view: View,
): Promise<Paged<ArticleSummary> | null> {
  const params = viewParams(view, { brand, size });
  const from = `FROM articles a WHERE a.source_brand = @brand AND ${ARTICLE_VISIBLE}`;
  const total = await count(q.db, `SELECT COUNT(*) AS n ${from}`, params);
  return paged(total, page, size, (offset) =>
    summaries(q, `SELECT ${q.summaryColumns} ${from} ${NEWEST_FIRST} LIMIT @size OFFSET @offset`, {
      ...params,
      offset,
    }),
  );
}

/**
 * A page of the visible articles a reference table links to `key`, read in order from its index
 * (articlesByTopic on article_topics, articlesByAuthor on article_authors).
 */
export async function referencing(
  q: QueryContext,
  table: string,
  column: string,
  key: string,
  page: number,
  size: number,
  view: View,
): Promise<Paged<ArticleSummary> | null> {
  const params = viewParams(view, { key, size });
  const from = `FROM ${table} r WHERE r.${column} = @key AND ${visible('r')}`;
  const total = await count(q.db, `SELECT COUNT(*) AS n ${from}`, params);
  return paged(total, page, size, (offset) =>
    summaries(
      q,
      `WITH chosen AS MATERIALIZED (SELECT r.article_slug, r.published_at, r.modified_at ${from} ${REFERENCES_NEWEST_FIRST} LIMIT @size OFFSET @offset)
         SELECT ${q.summaryColumns} FROM chosen r JOIN articles a ON a.slug = r.article_slug ${REFERENCES_NEWEST_FIRST}`,
      { ...params, offset },
    ),
  );
}

export async function articlesByOffering(
  q: QueryContext,
  slug: string,
  limit: number,
  view: View,
): Promise<ArticleSummary[]> {
  return summaries(
    q,
    `WITH chosen AS MATERIALIZED (SELECT r.article_slug, r.published_at, r.modified_at FROM article_offerings r
         WHERE r.offering_slug = @slug AND ${visible('r')} ${REFERENCES_NEWEST_FIRST} LIMIT @limit)
       SELECT ${q.summaryColumns} FROM chosen r JOIN articles a ON a.slug = r.article_slug ${REFERENCES_NEWEST_FIRST}`,
    viewParams(view, { slug, limit }),
  );
}

export async function relatedArticles(
  q: QueryContext,
  slug: string,
  count: number,
  view: View,
): Promise<ArticleSummary[]> {
  return summaries(
    q,
    `WITH shared AS MATERIALIZED (
         SELECT r.article_slug, COUNT(*) AS n, MAX(r.published_at) AS published_at, MAX(r.modified_at) AS modified_at FROM (
           SELECT r.article_slug, r.published_at, r.modified_at, r.public_from FROM article_topics r
           WHERE r.topic_slug IN (SELECT topic_slug FROM article_topics WHERE article_slug = @slug)
           UNION ALL
           SELECT r.article_slug, r.published_at, r.modified_at, r.public_from FROM article_offerings r
           WHERE r.offering_slug IN (SELECT offering_slug FROM article_offerings WHERE article_slug = @slug)
         ) r WHERE r.article_slug != @slug AND ${visible('r')} GROUP BY r.article_slug
         ORDER BY n DESC, published_at DESC, modified_at DESC, r.article_slug LIMIT @count)
       SELECT ${q.summaryColumns} FROM shared r JOIN articles a ON a.slug = r.article_slug
       ORDER BY r.n DESC, ${REFERENCES_NEWEST_FIRST.slice('ORDER BY '.length)}`,
    viewParams(view, { slug, count }),
  );
}

export async function adjacentInTopic(
  q: QueryContext,
  slug: string,
  view: View,
): Promise<TopicNeighbours | null> {
  const me = await q.db.get<{
    topic_slug: string;
    name: string;
    label: string;
    published_at: string;
    modified_at: string;
  }>(
    `SELECT topic_slug, name, label, published_at, modified_at FROM article_topics WHERE article_slug = @slug ORDER BY position LIMIT 1`,
    { slug },
  );
  if (!me) return null;
  const params = viewParams(view, {
    slug,
    topic: me.topic_slug,
    published: me.published_at,
    modified: me.modified_at,
  });
  const beside = (side: keyof typeof BESIDE) =>
    q.db.get<SummaryRow>(
      `WITH chosen AS MATERIALIZED (SELECT r.article_slug FROM article_topics r
           WHERE r.topic_slug = @topic AND ${visible('r')} AND ${BESIDE[side].where} ${BESIDE[side].order} LIMIT 1)
         SELECT ${q.summaryColumns} FROM chosen r JOIN articles a ON a.slug = r.article_slug`,
      params,
    );
  const [newer, older] = await Promise.all([beside('newer'), beside('older')]);
  return {
    topic: { slug: me.topic_slug, name: me.name, label: me.label },
    newer: newer ? summary(newer) : null,
    older: older ? summary(older) : null,
  };
}

export async function neighbours(
  q: QueryContext,
  articles: Position[],
  now: number,
): Promise<string[]> {
  const slugs = new Set<string>();
  const find = (side: keyof typeof BESIDE) =>
    `SELECT r.article_slug FROM article_topics r WHERE r.topic_slug = @topic AND r.article_slug != @slug
         AND ${visible('r')} AND ${BESIDE[side].where} ${BESIDE[side].order} LIMIT 1`;
  const [newer, older] = [find('newer'), find('older')];
  for (const article of articles) {
    for (const topic of article.topics) {
      const params = {
        preview: 0,
        now,
        slug: article.slug,
        topic,
        published: article.publishedAt,
        modified: article.modifiedAt,
      };
      for (const query of [newer, older]) {
        const slug = await value<string>(q.db, query, params);
        if (slug) slugs.add(slug);
      }
    }
  }
  return [...slugs];
}

export async function articlesPublishedBetween(
  q: QueryContext,
  since: number,
  until: number,
  view: View,
): Promise<ArticleSummary[]> {
  return summaries(
    q,
    `SELECT ${q.summaryColumns} FROM articles a
       WHERE a.published_at >= @since AND a.published_at < @until AND ${ARTICLE_VISIBLE} ${NEWEST_FIRST}`,
    viewParams(view, {
      since: new Date(since).toISOString(),
      until: new Date(until).toISOString(),
    }),
  );
}
