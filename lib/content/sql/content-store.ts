/**
 * The site's queries (ContentStore), in SQL that SQLite and PostgreSQL both run (the few
 * functions they spell differently come from the engine's Dialect). Every list is paged or
 * bounded in SQL, so no query holds more of the corpus in memory than one page of it. What a
 * reader may see is decided per query, from the view: published and dated in the past, or
 * anything in an editor's preview. Search is the engine's own (its full-text index differs).
 *
 * This class is only the interface: the queries are grouped by what they read, in
 * article-queries.ts, topic-offering-queries.ts, author-source-queries.ts and site-queries.ts.
 */
import type { ContentProblem } from '../problems';
import type {
  AuthorSummary,
  ContentStore,
  EditorialQueue,
  Position,
  SitemapArticle,
  SitemapSources,
  Source,
  TopicNeighbours,
  TopicSummary,
  View,
} from '../store';
import type { Article, ArticleSummary, Author, Offering, Paged, Topic } from '../types';
import type { SearchQuery, SearchResponse } from '../../search/types';

import * as articles from './article-queries';
import * as people from './author-source-queries';
import { problemsOf } from './problems';
import { queryContext, type QueryContext } from './query-context';
import type { Dialect, SqlRunner } from './runner';
import * as site from './site-queries';
import * as catalogue from './topic-offering-queries';

/** An engine's search: its full-text index is its own. */
export type SearchFunction = (query: SearchQuery, view: View) => Promise<SearchResponse>;

export class SqlContentStore implements ContentStore {
  private readonly q: QueryContext;

  constructor(
    db: SqlRunner,
    d: Dialect,
    private readonly searchEngine: SearchFunction,
  ) {
    this.q = queryContext(db, d);
  }

  article(slug: string, view: View): Promise<Article | null> {
    return articles.article(this.q, slug, view);
  }

  articles(page: number, size: number, view: View): Promise<Paged<ArticleSummary> | null> {
    return articles.articles(this.q, page, size, view);
  }

  articlesByTopic(
    slug: string,
    page: number,
    size: number,
    view: View,
  ): Promise<Paged<ArticleSummary> | null> {
    return articles.referencing(this.q, 'article_topics', 'topic_slug', slug, page, size, view);
  }

  articlesByAuthor(
    slug: string,
    page: number,
    size: number,
    view: View,
  ): Promise<Paged<ArticleSummary> | null> {
    return articles.referencing(this.q, 'article_authors', 'author_slug', slug, page, size, view);
  }

  articlesBySource(
    brand: string,
    page: number,
    size: number,
    view: View,
  ): Promise<Paged<ArticleSummary> | null> {
    return articles.articlesBySource(this.q, brand, page, size, view);
  }

  articlesByOffering(slug: string, limit: number, view: View): Promise<ArticleSummary[]> {
    return articles.articlesByOffering(this.q, slug, limit, view);
  }

  relatedArticles(slug: string, count: number, view: View): Promise<ArticleSummary[]> {
    return articles.relatedArticles(this.q, slug, count, view);
  }

  adjacentInTopic(slug: string, view: View): Promise<TopicNeighbours | null> {
    return articles.adjacentInTopic(this.q, slug, view);
  }

  neighbours(positions: Position[], now: number): Promise<string[]> {
    return articles.neighbours(this.q, positions, now);
  }

  articlesPublishedBetween(since: number, until: number, view: View): Promise<ArticleSummary[]> {
    return articles.articlesPublishedBetween(this.q, since, until, view);
  }

  topic(slug: string, view: View): Promise<Topic | null> {
    return catalogue.topic(this.q, slug, view);
  }

  topics(page: number, size: number, view: View): Promise<Paged<TopicSummary> | null> {
    return catalogue.topics(this.q, page, size, view);
  }

  offering(slug: string, view: View): Promise<Offering | null> {
    return catalogue.offering(this.q, slug, view);
  }

  offerings(page: number, size: number, view: View): Promise<Paged<Offering> | null> {
    return catalogue.offerings(this.q, page, size, view);
  }

  offeringsByTopic(slug: string, limit: number, view: View): Promise<Offering[]> {
    return catalogue.offeringsByTopic(this.q, slug, limit, view);
  }

  offeringsBySlugs(slugs: string[], view: View): Promise<Offering[]> {
    return catalogue.offeringsBySlugs(this.q, slugs, view);
  }

  featuredOfferings(count: number, view: View): Promise<Offering[]> {
    return catalogue.featuredOfferings(this.q, count, view);
  }

  relatedOfferings(slug: string, count: number, view: View): Promise<Offering[]> {
    return catalogue.relatedOfferings(this.q, slug, count, view);
  }

  author(slug: string, view: View): Promise<Author | null> {
    return people.author(this.q, slug, view);
  }

  authors(page: number, size: number, view: View): Promise<Paged<AuthorSummary> | null> {
    return people.authors(this.q, page, size, view);
  }

  source(brand: string, view: View): Promise<Source | null> {
    return people.source(this.q, brand, view);
  }

  sources(view: View): Promise<Source[]> {
    return people.sources(this.q, view);
  }

  aliasTarget(path: string, view: View): Promise<string | null> {
    return site.aliasTarget(this.q, path, view);
  }

  media(key: string, view: View): Promise<string | null> {
    return site.media(this.q, key, view);
  }

  pathOfSlug(slug: string): Promise<string | null> {
    return site.pathOfSlug(this.q, slug);
  }

  sitemapSources(view: View): Promise<SitemapSources> {
    return site.sitemapSources(this.q, view);
  }

  sitemapArticles(view: View, offset: number, limit: number): Promise<SitemapArticle[]> {
    return site.sitemapArticles(this.q, view, offset, limit);
  }

  editorialQueue(view: View): Promise<EditorialQueue> {
    return site.editorialQueue(this.q, view);
  }

  problems(files?: string[]): Promise<ContentProblem[]> {
    return problemsOf(this.q.db, this.q.d, files ?? null);
  }

  publishedBetween(since: number, until: number): Promise<ArticleSummary[]> {
    return site.publishedBetween(this.q, since, until);
  }

  nextPublicationAfter(now: number): Promise<number | null> {
    return site.nextPublicationAfter(this.q, now);
  }

  async search(query: SearchQuery, view: View): Promise<SearchResponse> {
    return this.searchEngine(query, view);
  }
}
