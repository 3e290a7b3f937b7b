import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

import type { Article } from '@/lib/content/types';
import { renderRss } from '@/lib/seo/feed';
import {
  renderNewsSitemap,
  renderSitemapIndex,
  renderUrlset,
  SITEMAP_LIMIT,
  sitemapChunkCount,
} from '@/lib/seo/sitemap';

import { loadedArticle } from '../support/fixture';

const parser = new XMLParser({ ignoreAttributes: false });

const story = (overrides: Partial<Article>) =>
  loadedArticle({
    topics: [{ slug: 'medigy-ai', name: 'Medigy: AI', label: 'AI & <Data>' }],
    ...overrides,
  });

describe('renderRss', () => {
  const hostileTitle = `Tom & Jerry's <script>alert("x")</script> ]]> \u0001\u0008 café`;
  const xml = renderRss({
    title: 'Site & Co',
    description: 'Latest <news>',
    pagePath: '/news',
    feedPath: '/feed.xml',
    articles: [story({ title: hostileTitle, slug: 'a' }), story({ slug: 'b', title: 'Second' })],
  });

  it('is well-formed XML whatever the titles contain, and keeps their text', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const channel = parser.parse(xml).rss.channel;
    expect(channel.title).toBe('Site & Co');
    // Control characters XML cannot carry are dropped; everything else reads as written.
    expect(channel.item[0].title).toBe(`Tom & Jerry's <script>alert("x")</script> ]]>  café`);
    expect(xml).not.toContain('<script>');
  });

  it('gives each item a stable GUID, its canonical URL', () => {
    const items = parser.parse(xml).rss.channel.item;
    expect(items[0].guid).toEqual({
      '#text': 'http://localhost:3000/news/a',
      '@_isPermaLink': 'true',
    });
    expect(items[0].link).toBe('http://localhost:3000/news/a');
    expect(items[1].pubDate).toBe('Fri, 20 Nov 2026 00:00:00 GMT');
  });
});

describe('sitemaps', () => {
  it('fits one sitemap up to SITEMAP_LIMIT URLs and splits beyond', () => {
    expect(sitemapChunkCount(SITEMAP_LIMIT)).toBe(1);
    expect(sitemapChunkCount(SITEMAP_LIMIT + 1)).toBe(2);
    const index = renderSitemapIndex(['/sitemaps/1.xml', '/sitemaps/2.xml']);
    expect(XMLValidator.validate(index)).toBe(true);
    expect(parser.parse(index).sitemapindex.sitemap).toEqual([
      { loc: 'http://localhost:3000/sitemaps/1.xml' },
      { loc: 'http://localhost:3000/sitemaps/2.xml' },
    ]);
  });

  it('writes lastmod where it is known', () => {
    const xml = renderUrlset([
      { path: '/news/a&b', lastModified: '2026-11-20T10:00:00.000Z' },
      { path: '/topics', lastModified: null },
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parser.parse(xml).urlset.url).toEqual([
      { loc: 'http://localhost:3000/news/a&b', lastmod: '2026-11-20T10:00:00.000Z' },
      { loc: 'http://localhost:3000/topics' },
    ]);
  });

  it('renders the news sitemap of the articles it is given (the last two days’, from the query)', () => {
    const xml = renderNewsSitemap([
      story({ slug: 'today', publishedAt: '2026-11-22T08:00:00.000Z' }),
      story({ slug: 'two-days', publishedAt: '2026-11-20T12:00:00.000Z' }),
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const urls = parser.parse(xml).urlset.url;
    expect(urls.map((url: { loc: string }) => url.loc)).toEqual([
      'http://localhost:3000/news/today',
      'http://localhost:3000/news/two-days',
    ]);
    expect(urls[0]['news:news']['news:publication']['news:name']).toBe('Digital Health Wire');
  });
});
