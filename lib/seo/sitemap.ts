import 'server-only';

import {
  AUTHORS_PAGE_SIZE,
  listRecentArticles,
  PAGE_SIZE,
  OFFERINGS_PAGE_SIZE,
  sitemapArticles,
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

/**
 * URLs in one sitemap file. Search engines read up to 50,000, but a file is made whole in the
 * server's memory: one of 50,000 URLs (7-8 MB of XML) took Next's heap from 45 to 120-137 MB at
 * 100,000 articles, and the process kept that memory afterwards. One of 10,000 is 1-1.6 MB.
 */
export const SITEMAP_LIMIT = 10_000;
const NEWS_WINDOW_MS = 2 * 24 * 3600 * 1000;

export interface SitemapEntry {
  path: string;
  lastModified: string | null;
}

/**
 * Every public page, listing pages included, with the last change to what it shows: the
 * listings, then the articles, then each topic's, author's and source's pages and the
 * offerings. `size` of them in all; `slice` reads those from `from` to before `to`.
 */
export interface SitemapUrls {
  size: number;
  slice(from: number, to: number): Promise<SitemapEntry[]>;
}

/**
 * The articles' URLs are read a slice at a time (sitemapArticles): at 100,000 articles a sitemap
 * that read every article held several times as much memory while it was made.
 */
export async function sitemapUrls(): Promise<SitemapUrls> {
  const { articles, topics, authors, sources, offerings } = await sitemapSources();
  const latest = articles.modifiedAt;
  const before: SitemapEntry[] = [
    { path: '/', lastModified: latest },
    ...listing(NEWS_PATH, articles.count, latest),
    ...listing(TOPICS_PATH, topics.length, latest, TOPICS_PAGE_SIZE),
    ...listing(AUTHORS_PATH, authors.length, latest, AUTHORS_PAGE_SIZE),
    ...listing(OFFERINGS_PATH, offerings.length, null, OFFERINGS_PAGE_SIZE),
  ];
  const after: SitemapEntry[] = [];
  for (const topic of topics)
    after.push(...listing(topicPath(topic.slug), topic.articleCount, topic.newest));
  for (const author of authors)
    after.push(...listing(authorPath(author.slug), author.articleCount, author.newest));
  for (const source of sources)
    after.push(...listing(sourcePath(source.slug), source.articleCount, source.newest));
  for (const offering of offerings)
    after.push({ path: offeringPath(offering), lastModified: null });
  const afterFrom = before.length + articles.count;
  return {
    size: afterFrom + after.length,
    slice: async (from, to) => {
      const first = Math.max(0, from - before.length);
      const end = Math.min(articles.count, to - before.length);
      const rows = end > first ? await sitemapArticles(first, end - first) : [];
      return [
        ...before.slice(from, Math.max(from, to)),
        ...rows.map((row) => ({ path: articlePath(row.slug), lastModified: row.modifiedAt })),
        ...after.slice(Math.max(0, from - afterFrom), Math.max(0, to - afterFrom)),
      ];
    },
  };
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

export function sitemapChunkCount(size: number): number {
  return Math.max(1, Math.ceil(size / SITEMAP_LIMIT));
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
