/**
 * Which pages show something of a given article, topic, offering or author: what must be
 * rendered again when one changes or an article goes public. Pure: given content, it returns
 * site paths and route patterns (`/news/page/[page]`), the form both Next's `revalidatePath` and
 * the front server's purge take.
 */
import type { Article, Author, Offering, Topic } from './types';

/** Pages that list or count every article, so any public change may move them. */
export const LISTING_PATHS = [
  '/',
  '/news',
  '/topics',
  '/offerings',
  '/authors',
  '/feed.xml',
  '/sitemap.xml',
  '/news-sitemap.xml',
] as const;

/** Numbered pages, and sitemap chunks: one article more shifts every later page. */
export const PAGED_ROUTES = [
  '/news/page/[page]',
  '/topic/[slug]/page/[page]',
  '/author/[slug]/page/[page]',
  '/source/[brand]/page/[page]',
  '/offerings/page/[page]',
  '/sitemaps/[chunk]',
] as const;

export interface ContentSnapshot {
  readonly articles: readonly Article[];
  readonly topics: ReadonlyMap<string, Topic>;
  readonly offerings: ReadonlyMap<string, Offering>;
  readonly authors: ReadonlyMap<string, Author>;
}

/**
 * The article's own page, share image and old URLs; the pages of its topics, offerings, authors
 * and source; and the pages of the articles that may list it as related or as the story before
 * or after them (those sharing a topic or an offering with it).
 */
export function pathsOfArticle(content: ContentSnapshot, article: Article): string[] {
  return [
    `/news/${article.slug}`,
    `/og/news/${article.slug}`,
    ...(article.image ? [article.image.src] : []),
    ...article.aliases,
    ...article.topics.flatMap((topic) => [`/topic/${topic.slug}`, `/topic/${topic.slug}/feed.xml`]),
    ...article.offerings.map((offering) => `/offering/${offering}`),
    ...article.authors.flatMap((author) => (author.slug ? [`/author/${author.slug}`] : [])),
    ...(article.source ? [`/source/${article.source.brand}`] : []),
    ...neighbours(content, article).map((other) => `/news/${other.slug}`),
  ];
}

function neighbours(content: ContentSnapshot, article: Article): Article[] {
  const topics = new Set(article.topics.map((topic) => topic.slug));
  const offerings = new Set(article.offerings);
  return content.articles.filter(
    (other) =>
      other.slug !== article.slug &&
      (other.topics.some((topic) => topics.has(topic.slug)) ||
        other.offerings.some((offering) => offerings.has(offering))),
  );
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
  const add = (list: readonly string[]) => list.forEach((path) => paths.add(path));
  for (const content of snapshots) {
    for (const article of content.articles) {
      if (files.has(article.file)) add(pathsOfArticle(content, article));
    }
    for (const topic of content.topics.values()) {
      if (topic.file && files.has(topic.file)) add([`/topic/${topic.slug}`, `/og/topic/${topic.slug}`]);
    }
    for (const offering of content.offerings.values()) {
      if (!offering.file || !files.has(offering.file)) continue;
      add([`/offering/${offering.slug}`, `/og/offering/${offering.slug}`]);
      add(offering.topics.map((topic) => `/topic/${topic.slug}`));
      add(articlesWhere(content, (article) => article.offerings.includes(offering.slug)));
    }
    for (const author of content.authors.values()) {
      if (!author.file || !files.has(author.file)) continue;
      add([`/author/${author.slug}`, `/og/author/${author.slug}`]);
      if (author.photo) add([author.photo.src]);
      // A profile decides where the bylines that name its author link to.
      add(articlesWhere(content, (article) => article.authors.some((ref) => ref.slug === author.slug)));
    }
  }
  return [...paths].sort();
}

function articlesWhere(content: ContentSnapshot, test: (article: Article) => boolean): string[] {
  return content.articles.filter(test).map((article) => `/news/${article.slug}`);
}

/** Everything articles that just went public appear on; empty when there are none. */
export function pathsTouchedByPublication(
  content: ContentSnapshot,
  articles: readonly Article[],
): string[] {
  if (articles.length === 0) return [];
  const paths = new Set<string>([...LISTING_PATHS, ...PAGED_ROUTES]);
  for (const article of articles) for (const path of pathsOfArticle(content, article)) paths.add(path);
  return [...paths].sort();
}
