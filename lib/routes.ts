/**
 * The site's paths. Every link, canonical URL, feed, sitemap entry and purge is built here, so
 * moving a page is a change to this file and its folder under app/. A listing's first page has
 * no `/page/1`: that path would be a duplicate of the listing itself.
 */

export type ShareImageKind = 'news' | 'topic' | 'offering' | 'author' | 'site';

export const HOME_PATH = '/';
export const NEWS_PATH = '/news';
export const TOPICS_PATH = '/topics';
export const OFFERINGS_PATH = '/offerings';
export const AUTHORS_PATH = '/authors';
export const SEARCH_PATH = '/search';
export const FEED_PATH = '/feed.xml';

/** Page `page` of the listing at `path`. */
export function listingPath(path: string, page = 1): string {
  return page === 1 ? path : `${path}/page/${page}`;
}

export function newsPath(page = 1): string {
  return listingPath(NEWS_PATH, page);
}

export function articlePath(slug: string): string {
  return `${NEWS_PATH}/${slug}`;
}

/** Page `page` of the topics index, which lists the topics with the most news first. */
export function topicsPath(page = 1): string {
  return listingPath(TOPICS_PATH, page);
}

export function topicPath(slug: string, page = 1): string {
  return listingPath(`/topic/${slug}`, page);
}

export function topicFeedPath(slug: string): string {
  return `${topicPath(slug)}/feed.xml`;
}

export function offeringsPath(page = 1): string {
  return listingPath(OFFERINGS_PATH, page);
}

export function offeringPath(slug: string): string {
  return `/offering/${slug}`;
}

/** Page `page` of the authors index, by name. */
export function authorsPath(page = 1): string {
  return listingPath(AUTHORS_PATH, page);
}

export function authorPath(slug: string, page = 1): string {
  return listingPath(`/author/${slug}`, page);
}

/** A source's page, by its brand (the publication's domain). */
export function sourcePath(brand: string, page = 1): string {
  return listingPath(`/source/${brand}`, page);
}

/** The generated share image of a page. */
export function shareImagePath(kind: ShareImageKind, slug: string): string {
  return `/og/${kind}/${slug}`;
}
