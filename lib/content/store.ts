/**
 * What the site asks of its content database: one interface, so that the engine behind it can
 * change (SQLite by default, lib/content/sqlite; PostgreSQL with DATABASE_URL,
 * lib/content/postgres) and the same contract tests run against each. Visibility is decided at
 * query time from `view`, so a scheduled article appears on its date without any rewrite, and
 * an editor's preview sees drafts and scheduled articles too.
 */
import type { ContentProblem } from './problems';
import type { SearchQuery, SearchResponse } from '../search/types';
import type { Article, ArticleSummary, Author, Offering, Paged, Topic, TopicRef } from './types';

export interface View {
  /** An editor's preview: drafts and scheduled articles are visible. */
  preview: boolean;
  /** Epoch milliseconds visibility is judged at. */
  now: number;
}

export interface TopicSummary extends Topic {
  articleCount: number;
  offeringCount: number;
}

export interface AuthorSummary extends Author {
  articleCount: number;
  /** The newest change among their visible articles. */
  newest: string | null;
}

/** A publication visible articles are curated from. */
export interface Source {
  /** Its domain, as in /source/<brand>. */
  brand: string;
  /** Its name where an article spells it out, else its domain. */
  name: string;
  articleCount: number;
  newest: string | null;
}

export interface TopicNeighbours {
  /** The article's first topic. */
  topic: TopicRef;
  newer: ArticleSummary | null;
  older: ArticleSummary | null;
}

/** Where an article sits in its topics' lists (see neighbours). */
export interface Position {
  slug: string;
  topics: string[];
  publishedAt: string;
  modifiedAt: string;
}

/** A page listing articles, for the sitemap: how many pages it has, and when it last changed. */
export interface ListingSummary {
  slug: string;
  articleCount: number;
  newest: string | null;
}

export interface SitemapArticle {
  slug: string;
  modifiedAt: string;
}

export interface SitemapSources {
  /** How many articles are visible, and the last change to any (their URLs: sitemapArticles). */
  articles: { count: number; modifiedAt: string | null };
  /** Visible topics, with how many visible articles each lists and the newest change among them; in the order of ContentStore.topics. */
  topics: ListingSummary[];
  /** In the order of ContentStore.authors. */
  authors: ListingSummary[];
  /** By brand. */
  sources: ListingSummary[];
  /** Visible offerings, profiles first. */
  offerings: string[];
}

export interface EditorialQueue {
  drafts: ArticleSummary[];
  /** Oldest first: the next to go public at the top. */
  scheduled: ArticleSummary[];
  problems: ContentProblem[];
}

export interface ContentStore {
  article(slug: string, view: View): Promise<Article | null>;
  articles(page: number, size: number, view: View): Promise<Paged<ArticleSummary> | null>;
  articlesByTopic(
    slug: string,
    page: number,
    size: number,
    view: View,
  ): Promise<Paged<ArticleSummary> | null>;
  /** Newest first, at most `limit`. */
  articlesByOffering(slug: string, limit: number, view: View): Promise<ArticleSummary[]>;
  articlesByAuthor(
    slug: string,
    page: number,
    size: number,
    view: View,
  ): Promise<Paged<ArticleSummary> | null>;
  articlesBySource(
    brand: string,
    page: number,
    size: number,
    view: View,
  ): Promise<Paged<ArticleSummary> | null>;
  /**
   * Up to `count` other visible articles sharing the most topics and offerings with this one,
   * newest first among equals; none that share nothing.
   */
  relatedArticles(slug: string, count: number, view: View): Promise<ArticleSummary[]>;
  /** The visible articles either side of this one in its first topic; null without a topic. */
  adjacentInTopic(slug: string, view: View): Promise<TopicNeighbours | null>;
  /**
   * The slugs of the public articles either side of each of these positions, in each of their
   * topics: the pages that link to an article there as the story before or after them.
   */
  neighbours(articles: Position[], now: number): Promise<string[]>;
  /** Articles published within [since, until), newest first: the Google News sitemap. */
  articlesPublishedBetween(since: number, until: number, view: View): Promise<ArticleSummary[]>;

  topic(slug: string, view: View): Promise<Topic | null>;
  /** Topics with a profile or something visible in them; most articles first, then by name. */
  topics(page: number, size: number, view: View): Promise<Paged<TopicSummary> | null>;

  /** A profile, or an author a visible article names. */
  author(slug: string, view: View): Promise<Author | null>;
  /** Profiles and the authors of visible articles, by name. */
  authors(page: number, size: number, view: View): Promise<Paged<AuthorSummary> | null>;
  source(brand: string, view: View): Promise<Source | null>;
  /** By name. */
  sources(view: View): Promise<Source[]>;

  offering(slug: string, view: View): Promise<Offering | null>;
  /** Profiles first, then by name. */
  offerings(page: number, size: number, view: View): Promise<Paged<Offering> | null>;
  /** Profiles first, then by name; at most `limit`. */
  offeringsByTopic(slug: string, limit: number, view: View): Promise<Offering[]>;
  /** The offerings with these slugs that exist, in the order given. */
  offeringsBySlugs(slugs: string[], view: View): Promise<Offering[]>;
  /** Profiles first, then the most named by visible articles. */
  featuredOfferings(count: number, view: View): Promise<Offering[]>;
  /** Other offerings ranked by how many topics they share with this one. */
  relatedOfferings(slug: string, count: number, view: View): Promise<Offering[]>;

  /** The slug of the visible article an old path redirects to. */
  aliasTarget(path: string, view: View): Promise<string | null>;
  /** The file of a content image, when something visible uses it. */
  media(key: string, view: View): Promise<string | null>;
  /** The canonical path of anything with this slug, whatever its status. */
  pathOfSlug(slug: string): Promise<string | null>;
  sitemapSources(view: View): Promise<SitemapSources>;
  /** Visible articles newest first, from the `offset`-th on, at most `limit`. */
  sitemapArticles(view: View, offset: number, limit: number): Promise<SitemapArticle[]>;

  editorialQueue(view: View): Promise<EditorialQueue>;
  /** Every problem, or those of these files (paths relative to the content folder). */
  problems(files?: string[]): Promise<ContentProblem[]>;
  /** Articles that became public in (since, until], for the publication timer. */
  publishedBetween(since: number, until: number): Promise<ArticleSummary[]>;
  /** When the next scheduled article goes public, after `now`; null when none is scheduled. */
  nextPublicationAfter(now: number): Promise<number | null>;

  search(query: SearchQuery, view: View): Promise<SearchResponse>;
}

/**
 * The content database failed to answer (unreachable, stopped, too slow): the page cannot be
 * made now, but nothing is lost; a page shows "busy" (503) and a later request tries again.
 */
export class ContentDatabaseError extends Error {
  override name = 'ContentDatabaseError';
}
