import 'server-only';

import { contentStore } from './database';
import type { SitemapSources, TopicSummary } from './store';
import type { Article, ArticleSummary, Offering, Paged, Topic } from './types';
import { currentView } from './view';

/**
 * The typed queries pages and route handlers call. Each asks the content database (see
 * database.ts) for what the current view may see (view.ts); nothing is held in memory here.
 */
export type { Article, ArticleSummary, CompiledBody, ImageAsset, Offering, Paged, SourceLink, Topic, TopicRef } from './types';
export type { ContentProblem } from './problems';
export type { SitemapSources, TopicSummary } from './store';
export { isPreview } from './view';
export { editorialQueue, findForPreview } from './editorial';
export { nextPublicationAfter, publishDue, refreshContent } from './publish';

export const PAGE_SIZE = 12;
export const OFFERINGS_PAGE_SIZE = 24;
/** An offering's page lists at most this many of the newest articles that name it. */
export const OFFERING_MENTIONS = 50;

async function ask<T>(query: (store: Awaited<ReturnType<typeof contentStore>>, view: Awaited<ReturnType<typeof currentView>>) => Promise<T>): Promise<T> {
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

export function listArticlesByTopic(slug: string, page: number, size = PAGE_SIZE): Promise<Paged<ArticleSummary> | null> {
  return ask((store, view) => store.articlesByTopic(slug, page, size, view));
}

/** The newest articles naming the offering, at most OFFERING_MENTIONS. */
export function listArticlesByOffering(slug: string): Promise<ArticleSummary[]> {
  return ask((store, view) => store.articlesByOffering(slug, OFFERING_MENTIONS, view));
}

/** Articles published in the last `ms` milliseconds, newest first. */
export function listRecentArticles(ms: number): Promise<ArticleSummary[]> {
  return ask((store, view) => store.articlesPublishedBetween(view.now - ms, view.now + 1, view));
}

/** Topics with a profile or at least one visible article or offering, largest first. */
export function listTopics(): Promise<TopicSummary[]> {
  return ask((store, view) => store.topics(view));
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

export function listOfferingsByTopic(slug: string): Promise<Offering[]> {
  return ask((store, view) => store.offeringsByTopic(slug, view));
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
  return slug ? `/news/${slug}` : null;
}

/**
 * Absolute path of an image that content references, or null: nothing else is served, and an
 * image only hidden articles use is served only in preview.
 */
export function resolveMedia(key: string): Promise<string | null> {
  return ask((store, view) => store.media(key, view));
}

/** Everything the sitemaps list, read in a few queries. */
export function sitemapSources(): Promise<SitemapSources> {
  return ask((store, view) => store.sitemapSources(view));
}
