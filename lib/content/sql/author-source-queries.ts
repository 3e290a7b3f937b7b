/**
 * The site's queries for the people and publications behind articles. An author is a profile
 * (authors/) or only a byline that visible articles carry; a source is only ever a byline.
 * Authors are paged, so they are sorted by name in SQL, ignoring case (SQLite folds ASCII
 * letters only, PostgreSQL every letter: the engines may order accented names apart). Sources
 * are few and listed whole, sorted here for the locale-aware order SQL cannot give on both
 * engines alike.
 */
import type { AuthorSummary, ListingSummary, Source, View } from '../store';
import type { Author, Paged } from '../types';

import { count, paged, viewParams, type QueryContext } from './query-context';
import {
  author as profileOf,
  bylineAuthor,
  NAMED_AUTHORS,
  REFERENCES_NEWEST_FIRST,
  source as sourceOf,
  sources as sourcesSql,
  visible,
  type AuthorRow,
  type ListingRow,
  type SourceRow,
} from './rows';

export async function author(q: QueryContext, slug: string, view: View): Promise<Author | null> {
  const profile = await q.db.get<AuthorRow>(
    `SELECT card, body_code, body_text FROM authors WHERE slug = @slug`,
    { slug },
  );
  if (profile) return profileOf(profile);
  const named = await q.db.get<{ name: string }>(
    `SELECT r.name FROM article_authors r WHERE r.author_slug = @slug AND ${visible('r')} ${REFERENCES_NEWEST_FIRST} LIMIT 1`,
    viewParams(view, { slug }),
  );
  return named ? bylineAuthor(slug, named.name) : null;
}

/** Every profile, and everyone else visible articles name: `listed`, one row each. */
const LISTED_AUTHORS = `WITH named AS (${NAMED_AUTHORS}),
  listed AS (
    SELECT au.slug, au.name, au.card, au.body_code, au.body_text, COALESCE(n.n, 0) AS n, n.newest
    FROM authors au LEFT JOIN named n ON n.slug = au.slug
    UNION ALL
    SELECT n.slug, n.name, NULL, NULL, NULL, n.n, n.newest FROM named n
    WHERE NOT EXISTS (SELECT 1 FROM authors au WHERE au.slug = n.slug))`;

/** Page `page` of the authors, by name. */
export async function authors(
  q: QueryContext,
  page: number,
  size: number,
  view: View,
): Promise<Paged<AuthorSummary> | null> {
  const params = viewParams(view, { size });
  const total = await count(q.db, `${LISTED_AUTHORS} SELECT COUNT(*) AS n FROM listed`, params);
  return paged(total, page, size, async (offset) => {
    const rows = await q.db.all<AuthorRow & ListingRow & { slug: string; name: string }>(
      `${LISTED_AUTHORS} SELECT * FROM listed
       ORDER BY ${q.d.nocase('name')}, slug LIMIT @size OFFSET @offset`,
      { ...params, offset },
    );
    return rows.map((row) => ({
      ...(row.card ? profileOf(row) : bylineAuthor(row.slug, row.name)),
      articleCount: row.n,
      newest: row.newest,
    }));
  });
}

/** Every author, in the order of `authors`, with what the sitemap needs of them. */
export function authorListings(q: QueryContext, view: View): Promise<ListingSummary[]> {
  return q.db.all<ListingSummary>(
    `${LISTED_AUTHORS} SELECT slug, n AS "articleCount", newest FROM listed
     ORDER BY ${q.d.nocase('name')}, slug`,
    viewParams(view),
  );
}

export async function source(q: QueryContext, brand: string, view: View): Promise<Source | null> {
  const row = await q.db.get<SourceRow>(
    sourcesSql('AND a.source_brand = @brand'),
    viewParams(view, { brand }),
  );
  return row ? sourceOf(row) : null;
}

export async function sources(q: QueryContext, view: View): Promise<Source[]> {
  return (await q.db.all<SourceRow>(sourcesSql(), viewParams(view)))
    .map(sourceOf)
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.brand.localeCompare(b.brand));
}
