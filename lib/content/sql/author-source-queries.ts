/**
 * The site's queries for the people and publications behind articles. An author is a profile
 * (authors/) or only a byline that visible articles carry; a source is only ever a byline. Both
 * lists are sorted by name here, in JavaScript, for the locale-aware order SQL cannot give on
 * both engines alike.
 */
import type { AuthorSummary, Source, View } from '../store';
import type { Author } from '../types';

import { viewParams, type QueryContext } from './query-context';
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

export async function authors(q: QueryContext, view: View): Promise<AuthorSummary[]> {
  const rows = await q.db.all<AuthorRow & ListingRow & { slug: string; name: string }>(
    `WITH named AS (${NAMED_AUTHORS})
       SELECT au.slug, au.name, au.card, au.body_code, au.body_text, COALESCE(n.n, 0) AS n, n.newest
       FROM authors au LEFT JOIN named n ON n.slug = au.slug AND n.rank = 1
       UNION ALL
       SELECT n.slug, n.name, NULL, NULL, NULL, n.n, n.newest FROM named n
       WHERE n.rank = 1 AND NOT EXISTS (SELECT 1 FROM authors au WHERE au.slug = n.slug)`,
    viewParams(view),
  );
  return rows
    .map((row) => ({
      ...(row.card ? profileOf(row) : bylineAuthor(row.slug, row.name)),
      articleCount: row.n,
      newest: row.newest,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.slug.localeCompare(b.slug));
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
