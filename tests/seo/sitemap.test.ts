import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AUTHORS_PAGE_SIZE, listAuthors, listTopics, TOPICS_PAGE_SIZE } from '@/lib/content';
import { sitemapUrls } from '@/lib/seo/sitemap';

import { useSiteContent } from '../support/content-db';
import { article, mdx } from '../support/fixture';

const TOPICS = TOPICS_PAGE_SIZE + 2;
const AUTHORS = AUTHORS_PAGE_SIZE + 1;
const name = (i: number) => `Topic ${String(i).padStart(3, '0')}`;

describe('the topics and authors indexes past one page', () => {
  let restore: () => void;

  beforeAll(() => {
    const files: Record<string, string> = {};
    for (let i = 0; i < TOPICS; i++) {
      files[`topics/t${i}.mdx`] = mdx({
        title: name(i),
        name: `Medigy: ${name(i)}`,
        slug: `t${i}`,
      });
    }
    // Topic 1 has two stories and topic 2 one: they lead the index, the rest follow by name.
    const about = (i: number) => ({
      categories: [`Medigy: ${name(i)}`],
      categoryUrl: [`topic/t${i}`],
      categoryLabel: [name(i)],
    });
    files['news/a.mdx'] = mdx(
      article({
        slug: 'a',
        ...about(1),
        author: Array.from({ length: AUTHORS }, (_, i) => `Writer ${String(i).padStart(2, '0')}`),
      }),
    );
    files['news/b.mdx'] = mdx(article({ slug: 'b', date: '2024-05-03', ...about(1) }));
    files['news/c.mdx'] = mdx(article({ slug: 'c', date: '2024-05-04', ...about(2) }));
    restore = useSiteContent(files).restore;
  });

  afterAll(() => restore());

  it('pages the topics, the busiest first, and every topic is on one page', async () => {
    const first = (await listTopics(1))!;
    const second = (await listTopics(2))!;
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: TOPICS });
    expect(first.items).toHaveLength(TOPICS_PAGE_SIZE);
    expect(first.items.slice(0, 3).map((topic) => [topic.slug, topic.articleCount])).toEqual([
      ['t1', 2],
      ['t2', 1],
      ['t0', 0],
    ]);
    const slugs = [...first.items, ...second.items].map((topic) => topic.slug);
    expect(new Set(slugs).size).toBe(TOPICS);
    expect(await listTopics(3)).toBeNull();
  });

  it('pages the authors by name', async () => {
    // Dana Reyes writes b and c, then Writer 00 to Writer 48.
    const first = (await listAuthors(1))!;
    expect(first).toMatchObject({ pageCount: 2, total: AUTHORS + 1 });
    expect(first.items[0]?.name).toBe('Dana Reyes');
    expect((await listAuthors(2))!.items.map((author) => author.name)).toEqual([
      `Writer ${AUTHORS - 2}`,
      `Writer ${AUTHORS - 1}`,
    ]);
  });

  it('lists every page of the indexes and every topic for crawlers', async () => {
    const urls = await sitemapUrls();
    const paths = (await urls.slice(0, urls.size)).map((entry) => entry.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/topics', '/topics/page/2', '/authors', '/authors/page/2']),
    );
    expect(paths).not.toContain('/topics/page/3');
    expect(paths).not.toContain('/topics/page/1');
    for (let i = 0; i < TOPICS; i++) expect(paths).toContain(`/topic/t${i}`);
  });

  it('reads the same URLs a slice at a time, articles newest first between the listings', async () => {
    const urls = await sitemapUrls();
    const whole = await urls.slice(0, urls.size);
    expect(whole).toHaveLength(urls.size);
    const paths = whole.map((entry) => entry.path);
    const articles = ['/news/c', '/news/b', '/news/a'].map((path) => paths.indexOf(path));
    expect(articles).toEqual([articles[0], articles[0]! + 1, articles[0]! + 2]);
    expect(articles[0]).toBeGreaterThan(paths.indexOf('/authors/page/2'));
    expect(articles[2]).toBeLessThan(paths.indexOf('/topic/t0'));
    // Slices of every size, so that some begin or end inside the articles and some across them.
    for (const size of [1, 2, 3, 7]) {
      const sliced = [];
      for (let from = 0; from < urls.size; from += size)
        sliced.push(...(await urls.slice(from, from + size)));
      expect(sliced).toEqual(whole);
    }
  });
});
