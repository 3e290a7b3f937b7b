import 'server-only';

import {
  AUTHORS_PAGE_SIZE,
  listRecentArticles,
  PAGE_SIZE,
  OFFERINGS_PAGE_SIZE,
  sitemapSources,
  TOPICS_PAGE_SIZE,
  type ArticleSummary,
} from '@/lib/content';
import { absoluteUrl, SITE_NAME } from '@/lib/site';

import { xmlText } from './xml';
import {
  listingPath,
  AUTHORS_PATH,
  NEWS_PATH,
  OFFERINGS_PATH,
  TOPICS_PATH,
  articlePath,
  authorPath,
  offeringPath,
  sourcePath,
  topicPath,
} from '@/lib/routes';

/** Search engines read at most this many URLs from one sitemap file. */
export const SITEMAP_LIMIT = 50_000;
const NEWS_WINDOW_MS = 2 * 24 * 3600 * 1000;

export interface SitemapEntry {
  path: string;
  lastModified: string | null;
}

/** Every public page, listing pages included, with the last change to what it shows. */
export async function sitemapEntries(): Promise<SitemapEntry[]> {
  const { articles, topics, authors, sources, offerings } = await sitemapSources();
  const latest = articles.reduce<string | null>(
    (max, a) => (!max || a.modifiedAt > max ? a.modifiedAt : max),
    null,
  );
  const entries: SitemapEntry[] = [
    { path: '/', lastModified: latest },
    ...listing(NEWS_PATH, articles.length, latest),
    ...listing(TOPICS_PATH, topics.length, latest, TOPICS_PAGE_SIZE),
    ...listing(AUTHORS_PATH, authors.length, latest, AUTHORS_PAGE_SIZE),
    ...listing(OFFERINGS_PATH, offerings.length, null, OFFERINGS_PAGE_SIZE),
  ];
  for (const article of articles)
    entries.push({ path: articlePath(article.slug), lastModified: article.modifiedAt });
  for (const topic of topics)
    entries.push(...listing(topicPath(topic.slug), topic.articleCount, topic.newest));
  for (const author of authors)
    entries.push(...listing(authorPath(author.slug), author.articleCount, author.newest));
  for (const source of sources)
    entries.push(...listing(sourcePath(source.slug), source.articleCount, source.newest));
  for (const offering of offerings)
    entries.push({ path: offeringPath(offering), lastModified: null });
  return entries;
}

/** A listing's first page, changed when its newest item did, and its other pages. */
function listing(
  path: string,
  count: number,
  newest: string | null,
  size = PAGE_SIZE,
): SitemapEntry[] {
  const entries = [{ path, lastModified: newest }];
  for (let page = 2; page <= pages(count, size); page++) {
    entries.push({ path: listingPath(path, page), lastModified: null });
  }
  return entries;
}

function pages(count: number, size: number): number {
  return Math.max(1, Math.ceil(count / size));
}

/** Articles for the Google News sitemap: those published in the last two days. */
export function newsSitemapArticles(): Promise<ArticleSummary[]> {
  return listRecentArticles(NEWS_WINDOW_MS);
}

export function sitemapChunkCount(entries: SitemapEntry[]): number {
  return Math.max(1, Math.ceil(entries.length / SITEMAP_LIMIT));
}

export function renderUrlset(entries: SitemapEntry[]): string {
  const urls = entries.map(
    (entry) =>
      `<url><loc>${xmlText(absoluteUrl(entry.path))}</loc>${entry.lastModified ? `<lastmod>${entry.lastModified}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

export function renderSitemapIndex(paths: string[]): string {
  const items = paths.map((path) => `<sitemap><loc>${xmlText(absoluteUrl(path))}</loc></sitemap>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join('\n')}\n</sitemapindex>\n`;
}

/** Google News sitemap of `articles` (see newsSitemapArticles). */
export function renderNewsSitemap(articles: ArticleSummary[]): string {
  const urls = articles.map(
    (article) =>
      `<url><loc>${xmlText(absoluteUrl(articlePath(article.slug)))}</loc><news:news><news:publication><news:name>${xmlText(SITE_NAME)}</news:name><news:language>en</news:language></news:publication><news:publication_date>${article.publishedAt}</news:publication_date><news:title>${xmlText(article.title)}</news:title></news:news></url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
