/**
 * Which pages show something of a given article, topic or offering: what must be rendered again
 * when one changes or an article goes public. Pure: given what each changed thing shows (before
 * and after the change), it returns site paths and route patterns (`/news/page/[page]`), the
 * form both Next's `revalidatePath` and the front server's purge take.
 */
import type { ArticleSummary } from './types';

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

/** What one article, topic or offering shows, as far as pages go. */
export type Touch =
  | {
      kind: 'article';
      slug: string;
      topics: string[];
      offerings: string[];
      aliases: string[];
      image: string | null;
    }
  | { kind: 'topic'; slug: string }
  | {
      kind: 'offering';
      slug: string;
      topics: string[];
      /** Slugs of the articles that name it: their pages show it. */
      namedBy: string[];
    };

export function articleTouch(article: ArticleSummary): Touch {
  return {
    kind: 'article',
    slug: article.slug,
    topics: article.topics.map((topic) => topic.slug),
    offerings: article.offerings,
    aliases: article.aliases,
    image: article.image?.src ?? null,
  };
}

/** Every page that shows something of `touches`, and every listing; empty when there are none. */
export function pathsTouched(touches: readonly Touch[]): string[] {
  if (touches.length === 0) return [];
  const paths = new Set<string>([...LISTING_PATHS, ...PAGED_ROUTES]);
  for (const touch of touches) {
    if (touch.kind === 'article') {
      paths.add(`/news/${touch.slug}`).add(`/og/news/${touch.slug}`);
      if (touch.image) paths.add(touch.image);
      for (const alias of touch.aliases) paths.add(alias);
      for (const topic of touch.topics) paths.add(`/topic/${topic}`).add(`/topic/${topic}/feed.xml`);
      for (const offering of touch.offerings) paths.add(`/offering/${offering}`);
    } else if (touch.kind === 'topic') {
      paths.add(`/topic/${touch.slug}`).add(`/og/topic/${touch.slug}`);
    } else {
      paths.add(`/offering/${touch.slug}`).add(`/og/offering/${touch.slug}`);
      for (const topic of touch.topics) paths.add(`/topic/${topic}`);
      for (const article of touch.namedBy) paths.add(`/news/${article}`);
    }
  }
  return [...paths].sort();
}
