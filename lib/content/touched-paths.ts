/**
 * Which pages show something of a given article, topic, offering or author: what must be
 * rendered again when one changes or an article goes public. Pure: given what each changed thing
 * shows (before and after the change), it returns site paths and route patterns
 * (`/news/page/[page]`), the form both Next's `revalidatePath` and the front server's purge take.
 */
import type { ArticleSummary } from './types';
import {
  AUTHORS_PATH,
  NEWS_PATH,
  OFFERINGS_PATH,
  TOPICS_PATH,
  articlePath,
  authorPath,
  offeringPath,
  shareImagePath,
  sourcePath,
  topicFeedPath,
  topicPath,
} from '@/lib/routes';

/** Pages that list or count every article, so any public change may move them. */
export const LISTING_PATHS = [
  '/',
  NEWS_PATH,
  TOPICS_PATH,
  OFFERINGS_PATH,
  AUTHORS_PATH,
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
  '/topics/page/[page]',
  '/authors/page/[page]',
  '/sitemaps/[chunk]',
] as const;

/** What one article, topic, offering or author profile shows, as far as pages go. */
export type Touch =
  | {
      kind: 'article';
      slug: string;
      topics: string[];
      offerings: string[];
      /** Slugs of the author pages its byline links to. */
      authors: string[];
      /** Its source's brand (/source/<brand>). */
      source: string | null;
      aliases: string[];
      image: string | null;
      /** Where it sits in its topics' lists: the articles either side of it link to it. */
      publishedAt: string;
      modifiedAt: string;
    }
  | { kind: 'topic'; slug: string }
  | {
      kind: 'offering';
      slug: string;
      topics: string[];
      /** Slugs of the articles that name it: their pages show it. */
      namedBy: string[];
    }
  | {
      kind: 'author';
      slug: string;
      /** The profile's name as a slug: the bylines it claims (see authorKey). */
      key: string;
      photo: string | null;
    };

export type ArticleTouch = Extract<Touch, { kind: 'article' }>;

export function articleTouch(article: ArticleSummary): ArticleTouch {
  return {
    kind: 'article',
    slug: article.slug,
    topics: article.topics.map((topic) => topic.slug),
    offerings: article.offerings,
    authors: article.authors.flatMap((author) => (author.slug ? [author.slug] : [])),
    source: article.source?.brand ?? null,
    aliases: article.aliases,
    image: article.image?.src ?? null,
    publishedAt: article.publishedAt,
    modifiedAt: article.modifiedAt,
  };
}

/**
 * Every page that shows something of `touches`, and every listing; empty when there are none.
 * `neighbours` are the articles either side of a touched one in a topic (ContentStore.neighbours):
 * each links to the story before and after it.
 */
export function pathsTouched(
  touches: readonly Touch[],
  neighbours: readonly string[] = [],
): string[] {
  if (touches.length === 0) return [];
  const paths = new Set<string>([...LISTING_PATHS, ...PAGED_ROUTES]);
  for (const touch of touches) {
    if (touch.kind === 'article') {
      paths.add(articlePath(touch.slug)).add(shareImagePath('news', touch.slug));
      if (touch.image) paths.add(touch.image);
      for (const alias of touch.aliases) paths.add(alias);
      for (const topic of touch.topics) paths.add(topicPath(topic)).add(topicFeedPath(topic));
      for (const offering of touch.offerings) paths.add(offeringPath(offering));
      for (const author of touch.authors) paths.add(authorPath(author));
      if (touch.source) paths.add(sourcePath(touch.source));
    } else if (touch.kind === 'topic') {
      paths.add(topicPath(touch.slug)).add(shareImagePath('topic', touch.slug));
    } else if (touch.kind === 'offering') {
      paths.add(offeringPath(touch.slug)).add(shareImagePath('offering', touch.slug));
      for (const topic of touch.topics) paths.add(topicPath(topic));
      for (const article of touch.namedBy) paths.add(articlePath(article));
    } else {
      paths.add(authorPath(touch.slug)).add(shareImagePath('author', touch.slug));
      if (touch.photo) paths.add(touch.photo);
    }
  }
  for (const slug of neighbours) paths.add(articlePath(slug));
  return [...paths].sort();
}
