/**
 * Which pages show something of a given article, topic or offering: what must be rendered again
 * when one changes or an article goes public. Pure: given content, it returns site paths and route
 * patterns (`/news/page/[page]`), the form both Next's `revalidatePath` and the front server's
 * purge take.
 */
import type { Article, Offering, Topic } from './types';

/** Pages that list or count every article, so any public change may move them. */
export const LISTING_PATHS = [
  '/',
  '/news',
  '/topics',
  '/offerings',
  '/feed.xml',
  '/sitemap.xml',
  '/news-sitemap.xml',
] as const;

/** Numbered pages, and sitemap chunks: one article more shifts every later page. */
export const PAGED_ROUTES = [
  '/news/page/[page]',
  '/topic/[slug]/page/[page]',
  '/offerings/page/[page]',
  '/sitemaps/[chunk]',
] as const;

export interface ContentSnapshot {
  readonly articles: readonly Article[];
  readonly topics: ReadonlyMap<string, Topic>;
  readonly offerings: ReadonlyMap<string, Offering>;
}

/** The article's own page, share image and old URLs, and the pages of its topics and offerings. */
export function pathsOfArticle(article: Article): string[] {
  return [
    `/news/${article.slug}`,
    `/og/news/${article.slug}`,
    ...(article.image ? [article.image.src] : []),
    ...article.aliases,
    ...article.topics.flatMap((topic) => [`/topic/${topic.slug}`, `/topic/${topic.slug}/feed.xml`]),
    ...article.offerings.map((offering) => `/offering/${offering}`),
  ];
}

/**
 * Everything a change to `files` (paths relative to the content folder) touches, looked up in
 * the content before and after the change, so that a page that stops showing something is
 * refreshed too. Empty when no file changed.
 */
export function pathsTouchedByFiles(
  snapshots: readonly ContentSnapshot[],
  files: ReadonlySet<string>,
): string[] {
  if (files.size === 0) return [];
  const paths = new Set<string>([...LISTING_PATHS, ...PAGED_ROUTES]);
  for (const content of snapshots) {
    for (const article of content.articles) {
      if (files.has(article.file)) for (const path of pathsOfArticle(article)) paths.add(path);
    }
    for (const topic of content.topics.values()) {
      if (topic.file && files.has(topic.file)) paths.add(`/topic/${topic.slug}`).add(`/og/topic/${topic.slug}`);
    }
    for (const offering of content.offerings.values()) {
      if (!offering.file || !files.has(offering.file)) continue;
      paths.add(`/offering/${offering.slug}`).add(`/og/offering/${offering.slug}`);
      for (const topic of offering.topics) paths.add(`/topic/${topic.slug}`);
      for (const article of content.articles) {
        if (article.offerings.includes(offering.slug)) paths.add(`/news/${article.slug}`);
      }
    }
  }
  return [...paths].sort();
}

/** Everything articles that just went public appear on; empty when there are none. */
export function pathsTouchedByPublication(articles: readonly Article[]): string[] {
  if (articles.length === 0) return [];
  const paths = new Set<string>([...LISTING_PATHS, ...PAGED_ROUTES]);
  for (const article of articles) for (const path of pathsOfArticle(article)) paths.add(path);
  return [...paths].sort();
}
