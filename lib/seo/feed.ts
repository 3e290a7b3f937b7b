import type { ArticleSummary } from '@/lib/content';
import { absoluteUrl } from '@/lib/site';

import { xmlText } from './xml';
import { articlePath } from '@/lib/routes';

export const FEED_SIZE = 50;

interface FeedOptions {
  title: string;
  description: string;
  /** Site path of the page the feed follows, e.g. `/news`. */
  pagePath: string;
  /** Site path of the feed itself. */
  feedPath: string;
  articles: ArticleSummary[];
}

/** RSS 2.0 with an atom:link to itself; an article's GUID is its canonical URL. */
export function renderRss({
  title,
  description,
  pagePath,
  feedPath,
  articles,
}: FeedOptions): string {
  const items = articles.slice(0, FEED_SIZE).map((article) => {
    const url = absoluteUrl(articlePath(article.slug));
    const categories = article.topics
      .map((topic) => `<category>${xmlText(topic.label)}</category>`)
      .join('');
    return [
      '<item>',
      `<title>${xmlText(article.title)}</title>`,
      `<link>${xmlText(url)}</link>`,
      `<guid isPermaLink="true">${xmlText(url)}</guid>`,
      `<pubDate>${new Date(article.publishedAt).toUTCString()}</pubDate>`,
      article.description ? `<description>${xmlText(article.description)}</description>` : '',
      article.authors.length > 0
        ? `<dc:creator>${xmlText(article.authors.map((author) => author.name).join(', '))}</dc:creator>`
        : '',
      categories,
      '</item>',
    ].join('');
  });
  const lastBuild = articles[0]
    ? new Date(articles[0].modifiedAt).toUTCString()
    : new Date(0).toUTCString();
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${xmlText(title)}</title>
<link>${xmlText(absoluteUrl(pagePath))}</link>
<description>${xmlText(description)}</description>
<language>en</language>
<lastBuildDate>${lastBuild}</lastBuildDate>
<atom:link href="${xmlText(absoluteUrl(feedPath))}" rel="self" type="application/rss+xml"/>
${items.join('\n')}
</channel>
</rss>
`;
}
