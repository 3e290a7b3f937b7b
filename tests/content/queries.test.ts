import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import {
  featuredOfferings,
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
  publishDue,
  relatedOfferings,
  resolveMedia,
} from '@/lib/content';

import { useSiteContent } from '../support/content-db';
import { article, FAKE_JPEG, mdx } from '../support/fixture';

const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

const telehealth = { categories: ['Medigy: Telehealth'], categoryUrl: ['topic/medigy-telehealth'], categoryLabel: ['Telehealth'] };
const ref = (slug: string, label: string, categories: string[] = ['Medigy: Telehealth']) => ({
  label,
  permalink: `/offering/${slug}`,
  categories,
});

describe('content queries', () => {
  let restore: () => void;

  beforeAll(() => {
    const files: Record<string, string | Buffer> = {
      'topics/telehealth.mdx': mdx({ title: 'Telehealth', name: 'Medigy: Telehealth', slug: 'medigy-telehealth' }, ''),
      'topics/empty.mdx': mdx({ title: 'Quiet', name: 'Medigy: Quiet', slug: 'medigy-quiet' }, ''),
      'offerings/alpha.mdx': mdx({ title: 'Alpha', slug: 'alpha', categories: ['Medigy: Telehealth', 'Medigy: AI'], featuredImage: { href: 'alpha.jpg' } }),
      'offerings/alpha.jpg': FAKE_JPEG,
      'offerings/beta.mdx': mdx({ title: 'Beta', slug: 'beta', categories: ['Medigy: Telehealth', 'Medigy: AI'] }),
      'offerings/gamma.mdx': mdx({ title: 'Gamma', slug: 'gamma', categories: ['Medigy: Telehealth'] }),
      'offerings/delta.mdx': mdx({ title: 'Delta', slug: 'delta', categories: ['Medigy: Billing'] }),
      'news/draft.mdx': mdx(article({ slug: 'draft', status: 'draft', relatedOfferings: [ref('draft-only', 'Draft Only')], featuredImage: { href: 'draft.jpg' } })),
      'news/draft.jpg': FAKE_JPEG,
      'news/scheduled.mdx': mdx(article({ slug: 'scheduled', date: isoDay(30), categories: ['Medigy: Future'] })),
      'news/mentions.mdx': mdx(article({ slug: 'mentions', date: isoDay(-1), ...telehealth, relatedOfferings: [ref('alpha', 'Alpha'), ref('stub', 'Stub Product')] })),
    };
    for (let i = 0; i < PAGE_SIZE + 3; i++) {
      files[`news/story-${i}.mdx`] = mdx(article({ slug: `story-${i}`, date: isoDay(-10 - i), ...telehealth }));
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
    const count = async () => (await listTopics()).find((topic) => topic.slug === 'medigy-telehealth')?.articleCount;
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
    const topics = await listTopics();
    expect(topics[0]).toMatchObject({ slug: 'medigy-telehealth', articleCount: PAGE_SIZE + 4, offeringCount: 4 });
    expect(topics.find((topic) => topic.slug === 'medigy-quiet')).toMatchObject({ articleCount: 0, hasProfile: true });
    expect(await getTopic('medigy-ai')).toMatchObject({ hasProfile: false, label: 'AI' });
  });

  it('gives an offering named only by a public article its own page', async () => {
    expect(await getOffering('stub')).toMatchObject({ title: 'Stub Product', hasProfile: false });
    expect((await listArticlesByOffering('stub')).map((item) => item.slug)).toEqual(['mentions']);
    expect((await listOfferingsPage(1))!.items.map((offering) => offering.slug)).toEqual(['alpha', 'beta', 'delta', 'gamma', 'stub']);
  });

  it('features the most mentioned profiles first', async () => {
    expect((await featuredOfferings(2)).map((offering) => offering.slug)).toEqual(['alpha', 'beta']);
  });

  it('ranks related offerings by shared topics and leaves out unrelated ones', async () => {
    const alpha = (await getOffering('alpha'))!;
    expect((await relatedOfferings(alpha)).map((offering) => offering.slug)).toEqual(['beta', 'gamma', 'stub']);
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
    expect(due.paths).toEqual(expect.arrayContaining(['/', '/news', '/news/scheduled', '/og/news/scheduled']));
    // Published once: the next check has nothing new.
    expect(await publishDue(scheduledAt + 2_000)).toEqual({ slugs: [], paths: [] });
    expect(await nextPublicationAfter(scheduledAt)).toBeNull();
  });

  it('lists the articles of a recent window only, newest first, for the Google News sitemap', async () => {
    // mentions is a day old; every story is ten days or more; the scheduled one is to come.
    expect((await listRecentArticles(2 * DAY)).map((item) => item.slug)).toEqual(['mentions']);
    expect((await listRecentArticles(11 * DAY)).map((item) => item.slug)).toEqual(['mentions', 'story-0']);
  });
});
