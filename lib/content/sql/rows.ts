/**
 * What the shared queries (content-store.ts and the *-queries.ts modules beside it) read rows
 * with, and make of them: who may see a row, the columns of an article summary and of an
 * offering, and the app shapes (lib/content/types.ts) those rows become.
 */
import type { Source } from '../store';
import type { ArticleSummary, Author, Offering, TopicRef } from '../types';

import type { Dialect } from './runner';

/** A row with an article's `public_from` (`a`, articles, or a reference to one) the view may see. */
export function visible(alias: string): string {
  return `(@preview = 1 OR (${alias}.public_from IS NOT NULL AND ${alias}.public_from <= @now))`;
}

/** An article the view may see (`a` is the articles row). */
export const ARTICLE_VISIBLE = visible('a');

/**
 * A search document (`d`) the view may see: an article by its date; a topic or offering that
 * exists only through references while one of the articles naming it is visible.
 */
export const DOC_VISIBLE = `(@preview = 1 OR (
  d.public_from IS NOT NULL AND d.public_from <= @now AND (d.conditional = 0
    OR (d.type = 'offering' AND EXISTS (SELECT 1 FROM article_offerings r
          WHERE r.offering_slug = d.slug AND ${visible('r')}))
    OR (d.type = 'topic' AND (EXISTS (SELECT 1 FROM article_topics r
          WHERE r.topic_slug = d.slug AND ${visible('r')})
        OR EXISTS (SELECT 1 FROM article_offering_topics r
          WHERE r.topic_slug = d.slug AND ${visible('r')}
          AND NOT EXISTS (SELECT 1 FROM offerings o WHERE o.slug = r.offering_slug)))))))`;

/** Columns that make an ArticleSummary out of an articles row `a`. */
export function summaryColumns(d: Dialect): string {
  return `a.card,
  ${d.jsonList(d.jsonObject({ slug: 'topic_slug', name: 'name', label: 'label' }), 'FROM article_topics t WHERE t.article_slug = a.slug', 'ORDER BY position')} AS topics,
  ${d.jsonList('offering_slug', 'FROM article_offerings o WHERE o.article_slug = a.slug', 'ORDER BY position')} AS offerings`;
}
export const NEWEST_FIRST = 'ORDER BY a.published_at DESC, a.modified_at DESC, a.slug';
/** The same order on a reference (article_topics, article_offerings, article_authors). */
export const REFERENCES_NEWEST_FIRST =
  'ORDER BY r.published_at DESC, r.modified_at DESC, r.article_slug';

/**
 * A reference `r` to an article newer (or older) than the one at (@published, @modified, @slug)
 * in NEWEST_FIRST order, and the order that finds the nearest first.
 */
export const BESIDE = {
  newer: {
    where: `(r.published_at > @published OR (r.published_at = @published AND (r.modified_at > @modified OR (r.modified_at = @modified AND r.article_slug < @slug))))`,
    order: 'ORDER BY r.published_at, r.modified_at, r.article_slug DESC',
  },
  older: {
    where: `(r.published_at < @published OR (r.published_at = @published AND (r.modified_at < @modified OR (r.modified_at = @modified AND r.article_slug > @slug))))`,
    order: REFERENCES_NEWEST_FIRST,
  },
} as const;

export interface SummaryRow {
  card: string;
  topics: string;
  offerings: string;
}

export function summary(row: SummaryRow): ArticleSummary {
  return {
    ...JSON.parse(row.card),
    topics: JSON.parse(row.topics),
    offerings: JSON.parse(row.offerings),
  };
}

/** Columns of an offering from `search_docs d` (the entry every offering has), profile or not. */
export function offeringColumns(d: Dialect): string {
  return `d.slug, o.card, o.body_code, d.title,
  ${d.jsonList(d.jsonObject({ slug: 'slug', name: 'name', label: 'label' }), 'FROM search_doc_topics WHERE doc = d.rowid', 'ORDER BY rowid')} AS topics`;
}

export interface OfferingRow {
  slug: string;
  card: string | null;
  body_code: string | null;
  title: string;
  topics: string;
}

export function offering(row: OfferingRow): Offering {
  if (row.card) {
    const card = JSON.parse(row.card) as Omit<Offering, 'body'>;
    return { ...card, body: row.body_code === null ? null : { code: row.body_code, text: '' } };
  }
  const topics = JSON.parse(row.topics) as TopicRef[];
  return {
    slug: row.slug,
    title: row.title,
    offeringId: null,
    vendor: null,
    website: null,
    description: null,
    topics,
    image: null,
    hasProfile: false,
    file: null,
    body: null,
  };
}

export interface AuthorRow {
  card: string;
  body_code: string | null;
  body_text: string | null;
}

export function author(row: AuthorRow): Author {
  const card = JSON.parse(row.card) as Omit<Author, 'body'>;
  return {
    ...card,
    body: row.body_code === null ? null : { code: row.body_code, text: row.body_text ?? '' },
  };
}

/** An author no profile describes, known from the bylines that name them. */
export function bylineAuthor(slug: string, name: string): Author {
  return {
    slug,
    name,
    role: null,
    photo: null,
    links: [],
    hasProfile: false,
    file: null,
    body: null,
  };
}

export interface ListingRow {
  n: number;
  newest: string | null;
}

/**
 * Everyone visible articles name, each once (`slug`) with the name their newest article uses,
 * how many visible articles name them (`n`), and the newest change among those (`newest`).
 * Counted from the authors' index; only each one's name is read from their newest article.
 */
export const NAMED_AUTHORS = `SELECT c.slug, c.n, c.newest,
    (SELECT r.name FROM article_authors r WHERE r.author_slug = c.slug AND ${visible('r')}
     ${REFERENCES_NEWEST_FIRST} LIMIT 1) AS name
  FROM (SELECT r.author_slug AS slug, COUNT(*) AS n, MAX(r.modified_at) AS newest FROM article_authors r
        WHERE ${visible('r')} GROUP BY r.author_slug) c`;

export interface SourceRow extends ListingRow {
  brand: string;
  name: string;
}

/**
 * Each source of visible articles (`only`: a condition on `a` that picks some), named as the
 * newest article that spells its name out (rather than giving its domain) does.
 */
export function sources(only = ''): string {
  return `SELECT g.brand, g.n, g.newest,
    (SELECT a.source_name FROM articles a WHERE a.source_brand = g.brand AND ${ARTICLE_VISIBLE}
     ORDER BY a.source_name = a.source_brand, a.published_at DESC, a.modified_at DESC, a.slug
     LIMIT 1) AS name
  FROM (SELECT a.source_brand AS brand, COUNT(*) AS n, MAX(a.modified_at) AS newest FROM articles a
        WHERE a.source_brand IS NOT NULL ${only} AND ${ARTICLE_VISIBLE} GROUP BY a.source_brand) g`;
}

export function source(row: SourceRow): Source {
  return { brand: row.brand, name: row.name, articleCount: row.n, newest: row.newest };
}
