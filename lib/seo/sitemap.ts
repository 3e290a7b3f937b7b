import 'server-only';

import {
  listArticles,
  listArticlesByAuthor,
  listArticlesBySource,
  listArticlesByTopic,
  listAuthors,
  listOfferings,
  listOfferingsPage,
  listSources,
  listTopics,
  listVisibleArticles,
  type Article,
  type Paged,
} from '@/lib/content';
import { absoluteUrl, SITE_NAME } from '@/lib/site';

import { listingPath } from './metadata';
import { xmlText } from './xml';

/** Search engines read at most this many URLs from one sitemap file. */
export const SITEMAP_LIMIT = 50_000;
const NEWS_WINDOW_MS = 2 * 24 * 3600 * 1000;

export interface SitemapEntry {
  path: string;
  lastModified: string | null;
}

const newest = (articles: Article[]) => articles[0]?.modifiedAt ?? null;

/** Every public page, listing pages included, with the last change to what it shows. */
export async function sitemapEntries(): Promise<SitemapEntry[]> {
  const articles = await listVisibleArticles();
  const latest = articles.reduce<string | null>(
    (max, a) => (!max || a.modifiedAt > max ? a.modifiedAt : max),
    null,
  );
  const entries: SitemapEntry[] = [
    { path: '/', lastModified: latest },
    { path: '/news', lastModified: latest },
    { path: '/topics', lastModified: latest },
    { path: '/offerings', lastModified: null },
    { path: '/authors', lastModified: latest },
  ];
  const newsPages = (await listArticles(1))?.pageCount ?? 1;
  for (let page = 2; page <= newsPages; page++)
    entries.push({ path: `/news/page/${page}`, lastModified: null });
  for (const article of articles)
    entries.push({ path: `/news/${article.slug}`, lastModified: article.modifiedAt });
  for (const topic of await listTopics()) {
    entries.push(...listing(`/topic/${topic.slug}`, await listArticlesByTopic(topic.slug, 1)));
  }
  for (const author of await listAuthors()) {
    entries.push(...listing(`/author/${author.slug}`, await listArticlesByAuthor(author.slug, 1)));
  }
  for (const source of await listSources()) {
    entries.push(
      ...listing(`/source/${source.brand}`, await listArticlesBySource(source.brand, 1)),
    );
  }
  const offeringPages = (await listOfferingsPage(1))?.pageCount ?? 1;
  for (let page = 2; page <= offeringPages; page++)
    entries.push({ path: `/offerings/page/${page}`, lastModified: null });
  for (const offering of await listOfferings())
    entries.push({ path: `/offering/${offering.slug}`, lastModified: null });
  return entries;
}

/** A listing's first page, changed when its newest article did, and its other pages. */
function listing(path: string, first: Paged<Article> | null): SitemapEntry[] {
  const entries = [{ path, lastModified: first ? newest(first.items) : null }];
  for (let page = 2; page <= (first?.pageCount ?? 1); page++) {
    entries.push({ path: listingPath(path, page), lastModified: null });
  }
  return entries;
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

/** Google News sitemap: articles published in the last two days. */
export function renderNewsSitemap(articles: Article[], now: Date): string {
  const recent = articles.filter(
    (article) => now.getTime() - Date.parse(article.publishedAt) <= NEWS_WINDOW_MS,
  );
  const urls = recent.map(
    (article) =>
      `<url><loc>${xmlText(absoluteUrl(`/news/${article.slug}`))}</loc><news:news><news:publication><news:name>${xmlText(SITE_NAME)}</news:name><news:language>en</news:language></news:publication><news:publication_date>${article.publishedAt}</news:publication_date><news:title>${xmlText(article.title)}</news:title></news:news></url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
