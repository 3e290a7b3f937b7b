import 'server-only';

import { contentStore } from './database';
import type {
  AuthorSummary,
  SitemapArticle,
  SitemapSources,
  Source,
  TopicNeighbours,
  TopicSummary,
} from './store';
import type { Article, ArticleSummary, Author, Offering, Paged, Topic } from './types';
import { currentView } from './view';

/**
 * The typed queries pages and route handlers call. Each asks the content database (see
 * database.ts) for what the current view may see (view.ts); nothing is held in memory here.
 */
export type {
  Article,
  ArticleSummary,
  Author,
  AuthorRef,
  CompiledBody,
  ImageAsset,
  Offering,
  Paged,
  SourceLink,
  Topic,
  TopicRef,
} from './types';
import { articlePath } from '@/lib/routes';
export type { ContentProblem } from './problems';
export type { AuthorSummary, SitemapSources, Source, TopicNeighbours, TopicSummary } from './store';
export { checkContentReady } from './database';
export { isPreview } from './view';
export { editorialQueue, findForPreview } from './editorial';
export { nextPublicationAfter, publishDue, refreshContent } from './publish';
export { isContentFile } from './files';

export const PAGE_SIZE = 12;
export const OFFERINGS_PAGE_SIZE = 24;
export const TOPICS_PAGE_SIZE = 48;
export const AUTHORS_PAGE_SIZE = 48;
/** A topic's page shows at most this many of its offerings. */
export const TOPIC_OFFERINGS = 12;
/** An offering's page lists at most this many of the newest articles that name it. */
export const OFFERING_MENTIONS = 50;

async function ask<T>(
  query: (
    store: Awaited<ReturnType<typeof contentStore>>,
    view: Awaited<ReturnType<typeof currentView>>,
  ) => Promise<T>,
): Promise<T> {
  const [store, view] = await Promise.all([contentStore(), currentView()]);
  return query(store, view);
}

export function getArticle(slug: string): Promise<Article | null> {
  return ask((store, view) => store.article(slug, view));
}

export async function latestArticles(count: number): Promise<ArticleSummary[]> {
  return (await ask((store, view) => store.articles(1, count, view)))?.items ?? [];
}

/** Null when the page number is out of range. */
export function listArticles(page: number): Promise<Paged<ArticleSummary> | null> {
  return ask((store, view) => store.articles(page, PAGE_SIZE, view));
}

export function listArticlesByTopic(
  slug: string,
  page: number,
  size = PAGE_SIZE,
): Promise<Paged<ArticleSummary> | null> {
  return ask((store, view) => store.articlesByTopic(slug, page, size, view));
}

/** The newest articles naming the offering, at most OFFERING_MENTIONS. */
export function listArticlesByOffering(slug: string): Promise<ArticleSummary[]> {
  return ask((store, view) => store.articlesByOffering(slug, OFFERING_MENTIONS, view));
}

/**
 * Up to `count` other visible articles sharing the most topics and offerings with this one,
 * newest first among equals. Only articles that share something: an unrelated story is not
 * offered as related.
 */
export function relatedArticles(article: ArticleSummary, count = 4): Promise<ArticleSummary[]> {
  return ask((store, view) => store.relatedArticles(article.slug, count, view));
}

/** The visible articles just before and after this one in its first topic; null without a topic. */
export function adjacentInTopic(article: ArticleSummary): Promise<TopicNeighbours | null> {
  return ask((store, view) => store.adjacentInTopic(article.slug, view));
}

/** An author with a profile, or one a visible article names; null otherwise. */
export function getAuthor(slug: string): Promise<Author | null> {
  return ask((store, view) => store.author(slug, view));
}

/**
 * Profiles and the authors of visible articles, by name, with their article counts; null when
 * the page number is out of range.
 */
export function listAuthors(page: number): Promise<Paged<AuthorSummary> | null> {
  return ask((store, view) => store.authors(page, AUTHORS_PAGE_SIZE, view));
}

/** An author's visible articles, newest first; null when the page number is out of range. */
export function listArticlesByAuthor(
  slug: string,
  page: number,
  size = PAGE_SIZE,
): Promise<Paged<ArticleSummary> | null> {
  return ask((store, view) => store.articlesByAuthor(slug, page, size, view));
}

/** A publication visible articles are curated from; null when none is. */
export function getSource(brand: string): Promise<Source | null> {
  return ask((store, view) => store.source(brand, view));
}

/** Every publication visible articles are curated from, by name. */
export function listSources(): Promise<Source[]> {
  return ask((store, view) => store.sources(view));
}

/** Visible articles curated from a publication, newest first; null when the page number is out of range. */
export function listArticlesBySource(
  brand: string,
  page: number,
  size = PAGE_SIZE,
): Promise<Paged<ArticleSummary> | null> {
  return ask((store, view) => store.articlesBySource(brand, page, size, view));
}

/** What an article is to the reader of this request: live, a draft, or scheduled for its date. */
export type ArticleState = 'public' | 'draft' | 'scheduled';

export async function articleState(article: ArticleSummary): Promise<ArticleState> {
  if (article.status === 'draft') return 'draft';
  return Date.parse(article.publishedAt) <= (await currentView()).now ? 'public' : 'scheduled';
}

/** Articles published in the last `ms` milliseconds, newest first. */
export function listRecentArticles(ms: number): Promise<ArticleSummary[]> {
  return ask((store, view) => store.articlesPublishedBetween(view.now - ms, view.now + 1, view));
}

/**
 * Topics with a profile or at least one visible article or offering, those with the most
 * articles first; null when the page number is out of range.
 */
export function listTopics(page: number): Promise<Paged<TopicSummary> | null> {
  return ask((store, view) => store.topics(page, TOPICS_PAGE_SIZE, view));
}

/** The `count` topics with the most visible articles. */
export async function popularTopics(count: number): Promise<TopicSummary[]> {
  return (await ask((store, view) => store.topics(1, count, view)))?.items ?? [];
}

export function getTopic(slug: string): Promise<Topic | null> {
  return ask((store, view) => store.topic(slug, view));
}

export function getOffering(slug: string): Promise<Offering | null> {
  return ask((store, view) => store.offering(slug, view));
}

/** Profiles first, then by name. */
export function listOfferingsPage(page: number): Promise<Paged<Offering> | null> {
  return ask((store, view) => store.offerings(page, OFFERINGS_PAGE_SIZE, view));
}

/** Profiles first, then by name; at most TOPIC_OFFERINGS. */
export function listOfferingsByTopic(slug: string): Promise<Offering[]> {
  return ask((store, view) => store.offeringsByTopic(slug, TOPIC_OFFERINGS, view));
}

/** The offerings with these slugs that exist, in the order given. */
export function getOfferings(slugs: string[]): Promise<Offering[]> {
  return ask((store, view) => store.offeringsBySlugs(slugs, view));
}

/** Offerings most often named by public articles, profiles first. */
export function featuredOfferings(count: number): Promise<Offering[]> {
  return ask((store, view) => store.featuredOfferings(count, view));
}

/** Other offerings ranked by how many topics they share with this one. */
export function relatedOfferings(offering: Offering, count = 12): Promise<Offering[]> {
  return ask((store, view) => store.relatedOfferings(offering.slug, count, view));
}

/** The canonical path an old article URL redirects to, or null; only visible articles redirect. */
export async function resolveAlias(path: string): Promise<string | null> {
  const slug = await ask((store, view) => store.aliasTarget(path, view));
  return slug ? articlePath(slug) : null;
}

/**
 * Absolute path of an image that content references, or null: nothing else is served, and an
 * image only hidden articles use is served only in preview.
 */
export function resolveMedia(key: string): Promise<string | null> {
  return ask((store, view) => store.media(key, view));
}

/** What the sitemaps list, read in a few queries, but the articles' URLs (sitemapArticles). */
export function sitemapSources(): Promise<SitemapSources> {
  return ask((store, view) => store.sitemapSources(view));
}

/** Visible articles newest first, from the `offset`-th on, at most `limit`. */
export function sitemapArticles(offset: number, limit: number): Promise<SitemapArticle[]> {
  return ask((store, view) => store.sitemapArticles(view, offset, limit));
}
