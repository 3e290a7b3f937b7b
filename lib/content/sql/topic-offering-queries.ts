/**
 * The site's queries for topics and offerings. Either may have a profile (a file of its own) or
 * exist only because visible content names it (a stand-in, see stand-ins.ts): both are read
 * from their search entries, joined to the profile where there is one, so that the two kinds
 * list, count and order together.
 */
import type { ListingSummary, TopicSummary, View } from '../store';
import type { Offering, Paged, Topic } from '../types';

import { count, offeringList, paged, viewParams, type QueryContext } from './query-context';
import {
  ARTICLE_VISIBLE,
  DOC_VISIBLE,
  offering as offeringOf,
  visible,
  type OfferingRow,
} from './rows';

/** Offering entries a view may see: every profile, and each other one while an article naming it is. */
export const VISIBLE_OFFERING_DOCS = `SELECT d.rowid FROM search_docs d WHERE d.type = 'offering' AND ${DOC_VISIBLE}`;

/** A topic without a profile exists while a visible article names it, or a visible offering. */
function topicInUse(): string {
  return `(EXISTS (SELECT 1 FROM article_topics r WHERE r.topic_slug = @slug AND ${visible('r')})
        OR EXISTS (SELECT 1 FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_doc_topics dt ON dt.doc = v.rowid
              WHERE dt.slug = @slug))`;
}

/** A topic no profile describes: all there is of it is what its search entry was made with. */
function standInTopic(slug: string, name: string, label: string): Topic {
  return { slug, name, label, description: null, hasProfile: false, file: null, body: null };
}

export async function topic(q: QueryContext, slug: string, view: View): Promise<Topic | null> {
  const row = await q.db.get<{
    card: string | null;
    body_code: string | null;
    title: string;
    name: string;
  }>(
    `SELECT t.card, t.body_code, d.title, d.keywords AS name FROM search_docs d LEFT JOIN topics t ON t.slug = d.slug
       WHERE d.id = 'topic:' || @slug AND (t.slug IS NOT NULL OR ${topicInUse()})`,
    viewParams(view, { slug }),
  );
  if (!row) return null;
  if (row.card)
    return {
      ...JSON.parse(row.card),
      body: row.body_code === null ? null : { code: row.body_code, text: '' },
    };
  return standInTopic(slug, row.name, row.title);
}

/**
 * Topics the view may see, each with its visible articles (`ac.n`) and offerings (`oc.n`): a
 * profile, or a topic something visible names. Counted over every topic, since the largest come
 * first; what follows reads from `d`, `t`, `ac` and `oc`.
 */
const VISIBLE_TOPICS = `WITH visible_offerings AS (${VISIBLE_OFFERING_DOCS}),
  article_counts AS (
    SELECT r.topic_slug AS slug, COUNT(*) AS n, MAX(r.modified_at) AS newest FROM article_topics r
    WHERE ${visible('r')} GROUP BY r.topic_slug),
  offering_counts AS (
    SELECT dt.slug, COUNT(*) AS n FROM visible_offerings v JOIN search_doc_topics dt ON dt.doc = v.rowid GROUP BY dt.slug)`;
const FROM_VISIBLE_TOPICS = `FROM search_docs d LEFT JOIN topics t ON t.slug = d.slug
  LEFT JOIN article_counts ac ON ac.slug = d.slug LEFT JOIN offering_counts oc ON oc.slug = d.slug
  WHERE d.type = 'topic' AND (t.slug IS NOT NULL OR ac.n > 0 OR oc.n > 0)`;

/** Page `page` of the visible topics, those with the most articles first, then by name. */
export async function topics(
  q: QueryContext,
  page: number,
  size: number,
  view: View,
): Promise<Paged<TopicSummary> | null> {
  const params = viewParams(view, { size });
  const total = await count(
    q.db,
    `${VISIBLE_TOPICS} SELECT COUNT(*) AS n ${FROM_VISIBLE_TOPICS}`,
    params,
  );
  return paged(total, page, size, async (offset) => {
    const rows = await q.db.all<{
      slug: string;
      card: string | null;
      title: string;
      name: string;
      articles: number;
      offerings: number;
    }>(
      `${VISIBLE_TOPICS} SELECT d.slug, t.card, d.title, d.keywords AS name,
         COALESCE(ac.n, 0) AS articles, COALESCE(oc.n, 0) AS offerings
       ${FROM_VISIBLE_TOPICS}
       ORDER BY articles DESC, ${q.d.nocase('d.title')}, d.slug LIMIT @size OFFSET @offset`,
      { ...params, offset },
    );
    return rows.map((row) => ({
      ...(row.card
        ? { ...JSON.parse(row.card), body: null }
        : standInTopic(row.slug, row.name, row.title)),
      articleCount: row.articles,
      offeringCount: row.offerings,
    }));
  });
}

/** Every visible topic, in the order of `topics`, with what the sitemap needs of it. */
export function topicListings(q: QueryContext, view: View): Promise<ListingSummary[]> {
  return q.db.all<ListingSummary>(
    `${VISIBLE_TOPICS} SELECT d.slug, COALESCE(ac.n, 0) AS "articleCount", ac.newest
     ${FROM_VISIBLE_TOPICS}
     ORDER BY "articleCount" DESC, ${q.d.nocase('d.title')}, d.slug`,
    viewParams(view),
  );
}

export async function offering(
  q: QueryContext,
  slug: string,
  view: View,
): Promise<Offering | null> {
  const row = await q.db.get<OfferingRow>(
    `SELECT ${q.offeringColumns} FROM search_docs d LEFT JOIN offerings o ON o.slug = d.slug
       WHERE d.id = 'offering:' || @slug AND ${DOC_VISIBLE}`,
    viewParams(view, { slug }),
  );
  return row ? offeringOf(row) : null;
}

export async function offerings(
  q: QueryContext,
  page: number,
  size: number,
  view: View,
): Promise<Paged<Offering> | null> {
  const params = viewParams(view, { size });
  const total = await count(q.db, `SELECT COUNT(*) AS n FROM (${VISIBLE_OFFERING_DOCS}) v`, params);
  return paged(total, page, size, (offset) =>
    offeringList(
      q,
      `SELECT ${q.offeringColumns} FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_docs d ON d.rowid = v.rowid
         LEFT JOIN offerings o ON o.slug = d.slug ORDER BY d.conditional, ${q.d.nocase('d.title')}, d.slug LIMIT @size OFFSET @offset`,
      { ...params, offset },
    ),
  );
}

export async function offeringsByTopic(
  q: QueryContext,
  slug: string,
  limit: number,
  view: View,
): Promise<Offering[]> {
  return offeringList(
    q,
    `SELECT ${q.offeringColumns} FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_docs d ON d.rowid = v.rowid
       LEFT JOIN offerings o ON o.slug = d.slug
       WHERE EXISTS (SELECT 1 FROM search_doc_topics dt WHERE dt.doc = d.rowid AND dt.slug = @slug)
       ORDER BY d.conditional, ${q.d.nocase('d.title')}, d.slug LIMIT @limit`,
    viewParams(view, { slug, limit }),
  );
}

export async function offeringsBySlugs(
  q: QueryContext,
  slugs: string[],
  view: View,
): Promise<Offering[]> {
  if (slugs.length === 0) return [];
  const rows = await q.db.all<OfferingRow>(
    `SELECT ${q.offeringColumns} FROM search_docs d LEFT JOIN offerings o ON o.slug = d.slug
       WHERE d.type = 'offering' AND d.slug IN (${q.d.jsonValues('@slugs')}) AND ${DOC_VISIBLE}`,
    viewParams(view, { slugs: JSON.stringify(slugs) }),
  );
  const bySlug = new Map(rows.map((row) => [row.slug, offeringOf(row)]));
  return slugs.map((slug) => bySlug.get(slug)).filter((item): item is Offering => Boolean(item));
}

export async function featuredOfferings(
  q: QueryContext,
  count: number,
  view: View,
): Promise<Offering[]> {
  return offeringList(
    q,
    `SELECT ${q.offeringColumns},
         (SELECT COUNT(*) FROM article_offerings r JOIN articles a ON a.slug = r.article_slug
          WHERE r.offering_slug = d.slug AND ${ARTICLE_VISIBLE}) AS mentions
       FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_docs d ON d.rowid = v.rowid LEFT JOIN offerings o ON o.slug = d.slug
       ORDER BY d.conditional, mentions DESC, d.title LIMIT @count`,
    viewParams(view, { count }),
  );
}

export async function relatedOfferings(
  q: QueryContext,
  slug: string,
  count: number,
  view: View,
): Promise<Offering[]> {
  return offeringList(
    q,
    `WITH mine AS (SELECT dt.slug FROM search_docs d JOIN search_doc_topics dt ON dt.doc = d.rowid WHERE d.id = 'offering:' || @slug)
       SELECT ${q.offeringColumns},
         (SELECT COUNT(*) FROM search_doc_topics dt WHERE dt.doc = d.rowid AND dt.slug IN (SELECT slug FROM mine)) AS shared
       FROM (${VISIBLE_OFFERING_DOCS}) v JOIN search_docs d ON d.rowid = v.rowid LEFT JOIN offerings o ON o.slug = d.slug
       WHERE d.slug != @slug
         AND EXISTS (SELECT 1 FROM search_doc_topics dt WHERE dt.doc = d.rowid AND dt.slug IN (SELECT slug FROM mine))
       ORDER BY shared DESC, d.conditional, d.title LIMIT @count`,
    viewParams(view, { slug, count }),
  );
}
