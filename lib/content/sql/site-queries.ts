/**
 * The site's queries that answer for the site as a whole rather than for one kind of page: an
 * old URL's new one (aliases), a media file's owner, which page a slug is, what the sitemaps
 * list, the editors' queue, and scheduled publication (what went public, and when the next
 * article will). The editors' queue and publication are not a reader's view: they see drafts
 * and scheduled articles.
 */
import type { EditorialQueue, SitemapArticle, SitemapSources, View } from '../store';
import type { ArticleSummary } from '../types';

import { authorListings, sources } from './author-source-queries';
import { problemsOf } from './problems';
import { summaries, viewParams, type QueryContext } from './query-context';
import { ARTICLE_VISIBLE, NEWEST_FIRST } from './rows';
import { column, value } from './runner';
import { topicListings, VISIBLE_OFFERING_DOCS } from './topic-offering-queries';

export async function aliasTarget(
  q: QueryContext,
  path: string,
  view: View,
): Promise<string | null> {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const row = await q.db.get<{ slug: string }>(
    `SELECT a.slug FROM alias_claims c JOIN articles a ON a.slug = c.article_slug
       WHERE c.path = @path AND ${ARTICLE_VISIBLE} ORDER BY c.file LIMIT 1`,
    viewParams(view, { path: normalized }),
  );
  return row?.slug ?? null;
}

export async function media(q: QueryContext, key: string, view: View): Promise<string | null> {
  const row = await q.db.get<{ absolute: string }>(
    `SELECT s.absolute FROM assets s WHERE s.key = @key AND (s.owner = '*' OR EXISTS (
         SELECT 1 FROM articles a WHERE a.slug = s.owner AND ${ARTICLE_VISIBLE})) LIMIT 1`,
    viewParams(view, { key }),
  );
  return row?.absolute ?? null;
}

export async function pathOfSlug(q: QueryContext, slug: string): Promise<string | null> {
  const exists = async (sql: string) => (await q.db.get(sql, { slug })) !== undefined;
  if (await exists('SELECT 1 FROM articles WHERE slug = @slug')) return `/news/${slug}`;
  if (await exists(`SELECT 1 FROM search_docs WHERE id = 'topic:' || @slug`))
    return `/topic/${slug}`;
  if (await exists(`SELECT 1 FROM search_docs WHERE id = 'offering:' || @slug`))
    return `/offering/${slug}`;
  if (await exists('SELECT 1 FROM authors WHERE slug = @slug')) return `/author/${slug}`;
  return null;
}

export async function sitemapSources(q: QueryContext, view: View): Promise<SitemapSources> {
  const params = viewParams(view);
  const articles = (await q.db.get<SitemapSources['articles']>(
    `SELECT COUNT(*) AS count, MAX(a.modified_at) AS "modifiedAt" FROM articles a WHERE ${ARTICLE_VISIBLE}`,
    params,
  )) ?? { count: 0, modifiedAt: null };
  const offerings = await column<string>(
    q.db,
    `SELECT d.slug FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_docs d ON d.rowid = v.rowid ORDER BY d.conditional, ${q.d.nocase('d.title')}, d.slug`,
    params,
  );
  return {
    articles,
    topics: await topicListings(q, view),
    authors: await authorListings(q, view),
    sources: (await sources(q, view)).map(({ brand, articleCount, newest }) => ({
      slug: brand,
      articleCount,
      newest,
    })),
    offerings,
  };
}

/**
 * A sitemap's share of the article URLs: at 100,000 articles, reading them all for each sitemap
 * held 20 MB of rows at a time.
 */
export function sitemapArticles(
  q: QueryContext,
  view: View,
  offset: number,
  limit: number,
): Promise<SitemapArticle[]> {
  return q.db.all<SitemapArticle>(
    `SELECT a.slug, a.modified_at AS "modifiedAt" FROM articles a WHERE ${ARTICLE_VISIBLE}
     ${NEWEST_FIRST} LIMIT @limit OFFSET @offset`,
    viewParams(view, { offset, limit }),
  );
}

export async function editorialQueue(q: QueryContext, view: View): Promise<EditorialQueue> {
  const drafts = await summaries(
    q,
    `SELECT ${q.summaryColumns} FROM articles a WHERE a.public_from IS NULL ${NEWEST_FIRST}`,
    {},
  );
  const scheduled = await summaries(
    q,
    `SELECT ${q.summaryColumns} FROM articles a WHERE a.public_from > @now ORDER BY a.public_from, a.slug`,
    { now: view.now },
  );
  return { drafts, scheduled, problems: await problemsOf(q.db, q.d, null) };
}

export async function publishedBetween(
  q: QueryContext,
  since: number,
  until: number,
): Promise<ArticleSummary[]> {
  return summaries(
    q,
    `SELECT ${q.summaryColumns} FROM articles a WHERE a.public_from > CAST(@since AS double precision) AND a.public_from <= CAST(@until AS double precision) ${NEWEST_FIRST}`,
    { since, until },
  );
}

export async function nextPublicationAfter(q: QueryContext, now: number): Promise<number | null> {
  return (
    (await value<number | null>(
      q.db,
      'SELECT MIN(public_from) FROM articles WHERE public_from > CAST(? AS double precision)',
      [now],
    )) ?? null
  );
}
