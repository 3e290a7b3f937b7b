import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import {
  adjacentInTopic,
  featuredOfferings,
  getAuthor,
  getSource,
  listArticlesByAuthor,
  listArticlesBySource,
  listAuthors,
  listSources,
  relatedArticles,
  type ArticleSummary,
  getArticle,
  getOffering,
  getTopic,
  latestArticles,
  listArticles,
  listArticlesByOffering,
  listArticlesByTopic,
  listOfferingsPage,
  listRecentArticles,
  listTopics,
  nextPublicationAfter,
  PAGE_SIZE,
  popularTopics,
  publishDue,
  relatedOfferings,
  resolveMedia,
} from '@/lib/content';
import { contentStore } from '@/lib/content/database';

import { useSiteContent } from '../support/content-db';
import { article, FAKE_JPEG, mdx } from '../support/fixture';

const DAY = 86_400_000;
const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

const telehealth = {
  categories: ['Medigy: Telehealth'],
  categoryUrl: ['topic/medigy-telehealth'],
  categoryLabel: ['Telehealth'],
};
const ref = (slug: string, label: string, categories: string[] = ['Medigy: Telehealth']) => ({
  label,
  permalink: `/offering/${slug}`,
  categories,
});

describe('content queries', () => {
  let restore: () => void;

  beforeAll(() => {
    const files: Record<string, string | Buffer> = {
      'topics/telehealth.mdx': mdx(
        { title: 'Telehealth', name: 'Medigy: Telehealth', slug: 'medigy-telehealth' },
        '',
      ),
      'topics/empty.mdx': mdx({ title: 'Quiet', name: 'Medigy: Quiet', slug: 'medigy-quiet' }, ''),
      'offerings/alpha.mdx': mdx({
        title: 'Alpha',
        slug: 'alpha',
        categories: ['Medigy: Telehealth', 'Medigy: AI'],
        featuredImage: { href: 'alpha.jpg' },
      }),
      'offerings/alpha.jpg': FAKE_JPEG,
      'offerings/beta.mdx': mdx({
        title: 'Beta',
        slug: 'beta',
        categories: ['Medigy: Telehealth', 'Medigy: AI'],
      }),
      'offerings/gamma.mdx': mdx({
        title: 'Gamma',
        slug: 'gamma',
        categories: ['Medigy: Telehealth'],
      }),
      'offerings/delta.mdx': mdx({
        title: 'Delta',
        slug: 'delta',
        categories: ['Medigy: Billing'],
      }),
      'news/draft.mdx': mdx(
        article({
          slug: 'draft',
          status: 'draft',
          relatedOfferings: [ref('draft-only', 'Draft Only')],
          featuredImage: { href: 'draft.jpg' },
        }),
      ),
      'news/draft.jpg': FAKE_JPEG,
      'news/scheduled.mdx': mdx(
        article({ slug: 'scheduled', date: isoDay(30), categories: ['Medigy: Future'] }),
      ),
      'news/mentions.mdx': mdx(
        article({
          slug: 'mentions',
          date: isoDay(-1),
          ...telehealth,
          relatedOfferings: [ref('alpha', 'Alpha'), ref('stub', 'Stub Product')],
        }),
      ),
    };
    for (let i = 0; i < PAGE_SIZE + 3; i++) {
      files[`news/story-${i}.mdx`] = mdx(
        article({ slug: `story-${i}`, date: isoDay(-10 - i), ...telehealth }),
      );
    }
    restore = useSiteContent(files).restore;
  });

  afterAll(() => restore());

  it('hides drafts and scheduled articles from readers', async () => {
    expect(await getArticle('draft')).toBeNull();
    expect(await getArticle('scheduled')).toBeNull();
    expect(await getArticle('mentions')).not.toBeNull();
    const slugs = (await latestArticles(100)).map((item) => item.slug);
    expect(slugs).not.toContain('draft');
    expect(slugs).not.toContain('scheduled');
    expect(await getTopic('medigy-future')).toBeNull();
    expect(await getOffering('draft-only')).toBeNull();
  });

  it('shows a scheduled article, in lists and counts too, once its date has passed', async () => {
    const count = async () =>
      (await listTopics(1))!.items.find((topic) => topic.slug === 'medigy-telehealth')
        ?.articleCount;
    const before = await count();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 31 * DAY);
      expect(await getArticle('scheduled')).not.toBeNull();
      expect((await latestArticles(1)).map((item) => item.slug)).toEqual(['scheduled']);
      expect(await count()).toBe(before! + 1);
    } finally {
      vi.useRealTimers();
    }
    // And back: what was computed for the later time is not served for an earlier one.
    expect(await count()).toBe(before);
  });

  it('lists articles newest first, a page at a time, and refuses pages that do not exist', async () => {
    const first = await listArticles(1);
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: PAGE_SIZE + 4 });
    expect(first?.items).toHaveLength(PAGE_SIZE);
    expect(first?.items[0]?.slug).toBe('mentions');
    const dates = first!.items.map((item) => item.publishedAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect((await listArticles(2))?.items).toHaveLength(4);
    for (const page of [0, -1, 3, 1.5, Number.NaN]) expect(await listArticles(page)).toBeNull();
  });

  it('pages a topic’s articles and keeps topics that only articles name', async () => {
    expect((await listArticlesByTopic('medigy-telehealth', 1))?.total).toBe(PAGE_SIZE + 4);
    const topics = (await listTopics(1))!.items;
    expect(topics[0]).toMatchObject({
      slug: 'medigy-telehealth',
      articleCount: PAGE_SIZE + 4,
      offeringCount: 4,
    });
    expect(topics.find((topic) => topic.slug === 'medigy-quiet')).toMatchObject({
      articleCount: 0,
      hasProfile: true,
    });
    expect(await getTopic('medigy-ai')).toMatchObject({ hasProfile: false, label: 'AI' });
  });

  it('pages the topics, the most articles first, then by name, and refuses pages that do not exist', async () => {
    const all = (await listTopics(1))!;
    expect(all).toMatchObject({ page: 1, pageCount: 1, total: all.items.length });
    const counts = all.items.map((topic) => topic.articleCount);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    // Two a page: the pages, read one after another, are the whole list in the same order.
    const store = await contentStore();
    const view = { preview: false, now: Date.now() };
    const pageCount = Math.ceil(all.total / 2);
    const paged: string[] = [];
    for (let page = 1; page <= pageCount; page++) {
      const topics = await store.topics(page, 2, view);
      expect(topics).toMatchObject({ page, pageCount, total: all.total });
      paged.push(...topics!.items.map((topic) => topic.slug));
    }
    expect(paged).toEqual(all.items.map((topic) => topic.slug));
    expect(await store.topics(pageCount + 1, 2, view)).toBeNull();
    for (const page of [0, 2, 1.5]) expect(await listTopics(page)).toBeNull();
    expect((await popularTopics(2)).map((topic) => topic.slug)).toEqual(paged.slice(0, 2));
  });

  it('gives an offering named only by a public article its own page', async () => {
    expect(await getOffering('stub')).toMatchObject({ title: 'Stub Product', hasProfile: false });
    expect((await listArticlesByOffering('stub')).map((item) => item.slug)).toEqual(['mentions']);
    expect((await listOfferingsPage(1))!.items.map((offering) => offering.slug)).toEqual([
      'alpha',
      'beta',
      'delta',
      'gamma',
      'stub',
    ]);
  });

  it('features the most mentioned profiles first', async () => {
    expect((await featuredOfferings(2)).map((offering) => offering.slug)).toEqual([
      'alpha',
      'beta',
    ]);
  });

  it('ranks related offerings by shared topics and leaves out unrelated ones', async () => {
    const alpha = (await getOffering('alpha'))!;
    expect((await relatedOfferings(alpha)).map((offering) => offering.slug)).toEqual([
      'beta',
      'gamma',
      'stub',
    ]);
  });

  it('serves only media that content references', async () => {
    expect(await resolveMedia('offerings/alpha.jpg')).toMatch(/offerings\/alpha\.jpg$/);
    expect(await resolveMedia('offerings/alpha.mdx')).toBeNull();
    // Only a draft uses this image: it stays private until the draft is published.
    expect(await resolveMedia('news/draft.jpg')).toBeNull();
    expect(await resolveMedia('../package.json')).toBeNull();
  });

  it('publishes a scheduled article once its date passes, naming the pages it appears on', async () => {
    const scheduledAt = Date.parse(`${isoDay(30)}T00:00:00Z`);
    expect(await nextPublicationAfter()).toBe(scheduledAt);
    expect(await publishDue(scheduledAt - 1)).toEqual({ slugs: [], paths: [] });
    const due = await publishDue(scheduledAt + 1_000);
    expect(due.slugs).toEqual(['scheduled']);
    expect(due.paths).toEqual(
      expect.arrayContaining(['/', '/news', '/news/scheduled', '/og/news/scheduled']),
    );
    // Published once: the next check has nothing new.
    expect(await publishDue(scheduledAt + 2_000)).toEqual({ slugs: [], paths: [] });
    expect(await nextPublicationAfter(scheduledAt)).toBeNull();
  });

  it('lists the articles of a recent window only, newest first, for the Google News sitemap', async () => {
    // mentions is a day old; every story is ten days or more; the scheduled one is to come.
    expect((await listRecentArticles(2 * DAY)).map((item) => item.slug)).toEqual(['mentions']);
    expect((await listRecentArticles(11 * DAY)).map((item) => item.slug)).toEqual([
      'mentions',
      'story-0',
    ]);
  });
});

describe('authors, sources and related stories', () => {
  const rpm = {
    categories: ['Medigy: RPM'],
    categoryUrl: ['topic/medigy-rpm'],
    categoryLabel: ['RPM'],
  };
  const source = (brand: string) => ({
    link: { brand, href: `https://${brand}/x`, original: `https://${brand}/x` },
  });
  const slugsOf = (articles: ArticleSummary[] | undefined) =>
    articles?.map((article) => article.slug);

  let restore: () => void;

  beforeAll(() => {
    const files: Record<string, string | Buffer> = {
      'authors/athira.mdx': mdx(
        {
          name: 'Athira Ravi',
          slug: 'athira',
          role: 'Correspondent',
          photo: 'athira.jpg',
          links: ['https://example.com/athira'],
        },
        'Writes about the NHS.',
      ),
      'authors/athira.jpg': FAKE_JPEG,
      'authors/quiet.mdx': mdx({ name: 'Quiet Writer' }, ''),
      'news/a1.mdx': mdx(
        article({
          slug: 'a1',
          date: isoDay(-1),
          author: ['Athira Ravi', 'Dana Reyes'],
          categories: ['Medigy: Telehealth', 'Medigy: RPM'],
          categoryUrl: ['topic/medigy-telehealth', 'topic/medigy-rpm'],
          relatedOfferings: [ref('alpha', 'Alpha')],
          ...source('healthcareitnews.com'),
        }),
      ),
      // The same author as a1's first, written differently; the same source with www.
      'news/a2.mdx': mdx(
        article({
          slug: 'a2',
          date: isoDay(-2),
          author: ['athira  ravi'],
          categories: ['Medigy: Telehealth', 'Healthcare IT News: RPM'],
          categoryUrl: ['topic/medigy-telehealth', 'topic/healthcare-it-news-rpm'],
          ...source('www.healthcareitnews.com'),
        }),
      ),
      'news/a3.mdx': mdx(
        article({
          slug: 'a3',
          date: isoDay(-3),
          author: ['Dana Reyes'],
          ...rpm,
          relatedOfferings: [ref('alpha', 'Alpha')],
          ...source('fierce.example'),
        }),
      ),
      'news/a4.mdx': mdx(
        article({
          slug: 'a4',
          date: isoDay(-4),
          author: ['Lee Park'],
          categories: ['Medigy: Oncology'],
          categoryUrl: ['topic/medigy-oncology'],
        }),
      ),
      'news/a5.mdx': mdx(
        article({
          slug: 'a5',
          date: isoDay(-5),
          author: ['—'],
          categories: [],
          categoryUrl: [],
          categoryLabel: [],
        }),
      ),
      'news/draft.mdx': mdx(
        article({
          slug: 'draft',
          status: 'draft',
          date: isoDay(-1),
          author: ['Draft Only Writer', 'Athira Ravi'],
          ...telehealth,
          ...source('draft.example'),
        }),
      ),
      'news/scheduled.mdx': mdx(
        article({
          slug: 'scheduled',
          date: isoDay(30),
          author: ['Athira Ravi'],
          ...telehealth,
          ...source('healthcareitnews.com'),
        }),
      ),
    };
    for (let i = 0; i <= PAGE_SIZE; i++) {
      files[`news/bulk-${i}.mdx`] = mdx(
        article({
          slug: `bulk-${i}`,
          date: isoDay(-10 - i),
          author: ['Prolific Writer'],
          categories: ['Medigy: Bulk'],
          categoryUrl: ['topic/medigy-bulk'],
          ...source('bulk.example'),
        }),
      );
    }
    restore = useSiteContent(files).restore;
  });

  afterAll(() => restore());

  it('links a byline to the profile of that name, whatever its case or spacing, under the profile’s slug', async () => {
    expect(await getAuthor('athira')).toMatchObject({
      name: 'Athira Ravi',
      role: 'Correspondent',
      photo: { src: '/media/authors/athira.jpg' },
      links: ['https://example.com/athira'],
      hasProfile: true,
      body: { text: 'Writes about the NHS.' },
    });
    expect((await getArticle('a2'))?.authors).toEqual([{ name: 'athira ravi', slug: 'athira' }]);
    expect(await getAuthor('athira-ravi')).toBeNull();
    expect(await resolveMedia('authors/athira.jpg')).toMatch(/authors\/athira\.jpg$/);
  });

  it('lists an author’s public articles newest first, without drafts or scheduled ones', async () => {
    expect(slugsOf((await listArticlesByAuthor('athira', 1))?.items)).toEqual(['a1', 'a2']);
    expect(slugsOf((await listArticlesByAuthor('dana-reyes', 1))?.items)).toEqual(['a1', 'a3']);
  });

  it('knows authors without a profile while a public article names them, and not otherwise', async () => {
    expect(await getAuthor('dana-reyes')).toMatchObject({
      name: 'Dana Reyes',
      hasProfile: false,
      photo: null,
      body: null,
    });
    expect(await getAuthor('draft-only-writer')).toBeNull();
    expect(await getAuthor('nobody')).toBeNull();
    // A byline without a letter or digit has no page: shown, never linked.
    expect((await getArticle('a5'))?.authors).toEqual([{ name: '—', slug: null }]);
  });

  it('keeps a profile no public article names, with an empty first page', async () => {
    expect(await getAuthor('quiet-writer')).toMatchObject({
      name: 'Quiet Writer',
      hasProfile: true,
    });
    expect(await listArticlesByAuthor('quiet-writer', 1)).toEqual({
      items: [],
      page: 1,
      pageCount: 1,
      total: 0,
    });
    expect(await listArticlesByAuthor('quiet-writer', 2)).toBeNull();
  });

  it('pages an author’s and a source’s articles, and refuses pages that do not exist', async () => {
    for (const list of [
      listArticlesByAuthor.bind(null, 'prolific-writer'),
      listArticlesBySource.bind(null, 'bulk.example'),
    ]) {
      const first = await list(1);
      expect(first).toMatchObject({ page: 1, pageCount: 2, total: PAGE_SIZE + 1 });
      expect(slugsOf(first?.items)).toEqual(
        Array.from({ length: PAGE_SIZE }, (_, i) => `bulk-${i}`),
      );
      expect(slugsOf((await list(2))?.items)).toEqual([`bulk-${PAGE_SIZE}`]);
      for (const page of [0, 3, 1.5]) expect(await list(page)).toBeNull();
    }
  });

  it('lists profiles and the authors of public articles by name, with their article counts', async () => {
    const authors = (await listAuthors(1))!.items;
    expect(authors.map(({ slug, articleCount }) => [slug, articleCount])).toEqual([
      ['athira', 2],
      ['dana-reyes', 2],
      ['lee-park', 1],
      ['prolific-writer', PAGE_SIZE + 1],
      ['quiet-writer', 0],
    ]);
  });

  it('pages the authors by name, and refuses pages that do not exist', async () => {
    const all = (await listAuthors(1))!;
    expect(all).toMatchObject({ page: 1, pageCount: 1, total: 5 });
    const store = await contentStore();
    const view = { preview: false, now: Date.now() };
    const pages = [await store.authors(1, 2, view), await store.authors(2, 2, view)];
    const last = await store.authors(3, 2, view);
    expect(last).toMatchObject({ page: 3, pageCount: 3, total: 5 });
    expect([...pages, last].flatMap((page) => page!.items)).toEqual(all.items);
    expect(await store.authors(4, 2, view)).toBeNull();
    for (const page of [0, 2, 1.5]) expect(await listAuthors(page)).toBeNull();
  });

  it('counts a scheduled article for its author and source once its date has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 31 * DAY);
      expect(slugsOf((await listArticlesByAuthor('athira', 1))?.items)).toEqual([
        'scheduled',
        'a1',
        'a2',
      ]);
      expect((await getSource('healthcareitnews.com'))?.articleCount).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('groups articles by their source’s domain, named as an article spells it out', async () => {
    expect(await getSource('healthcareitnews.com')).toMatchObject({
      brand: 'healthcareitnews.com',
      name: 'Healthcare IT News',
      articleCount: 2,
    });
    expect(slugsOf((await listArticlesBySource('healthcareitnews.com', 1))?.items)).toEqual([
      'a1',
      'a2',
    ]);
    expect(await getSource('fierce.example')).toMatchObject({
      brand: 'fierce.example',
      name: 'fierce.example',
      articleCount: 1,
    });
    expect(await getSource('draft.example')).toBeNull();
    expect(await getSource('nowhere.example')).toBeNull();
    expect((await listSources()).map((item) => item.brand)).toEqual([
      'bulk.example',
      'example.com',
      'fierce.example',
      'healthcareitnews.com',
    ]);
  });

  it('relates public articles by shared topics and offerings, then by date', async () => {
    const a1 = (await getArticle('a1'))!;
    // a3 shares a topic and an offering, a2 a topic; a4 nothing; the draft and the scheduled
    // article share a topic but are not public.
    expect(slugsOf(await relatedArticles(a1))).toEqual(['a3', 'a2']);
    expect(slugsOf(await relatedArticles((await getArticle('bulk-3'))!))).toEqual([
      'bulk-0',
      'bulk-1',
      'bulk-2',
      'bulk-4',
    ]);
    expect(slugsOf(await relatedArticles((await getArticle('bulk-3'))!, 2))).toEqual([
      'bulk-0',
      'bulk-1',
    ]);
    expect(await relatedArticles((await getArticle('a4'))!)).toEqual([]);
  });

  it('names the newer and older public article in an article’s first topic', async () => {
    const neighbours = await adjacentInTopic((await getArticle('bulk-1'))!);
    expect(neighbours?.topic.slug).toBe('medigy-bulk');
    expect([neighbours?.newer?.slug, neighbours?.older?.slug]).toEqual(['bulk-0', 'bulk-2']);
    const first = await adjacentInTopic((await getArticle('a1'))!);
    expect([first?.topic.slug, first?.newer, first?.older?.slug]).toEqual([
      'medigy-telehealth',
      null,
      'a2',
    ]);
    expect(await adjacentInTopic((await getArticle('a5'))!)).toBeNull();
  });
});
