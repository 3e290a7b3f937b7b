/**
 * The site's search over a real content folder: lib/search (documents from loaded content,
 * visibility as lib/content decides it) and the /api/search route handler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GET } from '@/app/api/search/route';
import { search } from '@/lib/search';
import { EMPTY_QUERY } from '@/lib/search/query';
import type { View } from '@/lib/content/store';
import type { SearchQuery, SearchResponse } from '@/lib/search/types';

import { useSiteContent } from '../support/content-db';
import { article, mdx } from '../support/fixture';

const DAY = 86_400_000;
const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const ref = (slug: string, label: string) => ({
  label,
  permalink: `/offering/${slug}`,
  categories: ['Medigy: Devices'],
});

let restore: () => void;

beforeAll(() => {
  restore = useSiteContent({
    'topics/telehealth.mdx': mdx(
      {
        title: 'Telehealth',
        name: 'Medigy: Telehealth',
        slug: 'medigy-telehealth',
        description: 'Virtual care and its payment rules.',
      },
      '',
    ),
    'offerings/beacon.mdx': mdx(
      {
        title: 'Beacon Glucose Monitor',
        slug: 'beacon',
        vendor: 'Acme Health',
        categories: ['Medigy: Telehealth'],
      },
      'Beacon reads glucose every five minutes and alerts the care team.',
    ),
    'news/live.mdx': mdx(
      article({
        slug: 'live',
        title: 'Glucose monitors reach rural clinics',
        date: isoDay(-3),
        relatedOfferings: [ref('orbit-pump', 'Orbit Pump')],
      }),
      'Rural clinics now lend continuous glucose monitors to patients.',
    ),
    'news/draft.mdx': mdx(
      article({
        slug: 'draft',
        title: 'Glucose draft with a secret launch',
        status: 'draft',
        relatedOfferings: [ref('draft-only-device', 'Draft Only Device')],
      }),
      'Not for readers yet.',
    ),
    'news/scheduled.mdx': mdx(
      article({
        slug: 'scheduled',
        title: 'Glucose story scheduled for next month',
        date: isoDay(30),
        categories: ['Medigy: Future Care'],
        categoryUrl: ['topic/medigy-future-care'],
        categoryLabel: ['Future Care'],
      }),
      'Embargoed until its date.',
    ),
  }).restore;
});

afterAll(() => restore());

const ids = (response: SearchResponse) => response.hits.map((hit) => hit.id).sort();
/** As a reader sees it now, unless a preview or another moment is asked for. */
const find = (q: string, query: Partial<SearchQuery> = {}, view: Partial<View> = {}) =>
  search({ ...EMPTY_QUERY, q, ...query }, { preview: false, now: Date.now(), ...view });

describe('search()', () => {
  it('finds published articles, offerings and topics, with their pages', async () => {
    const response = await find('glucose');
    expect(ids(response)).toEqual(['article:live', 'offering:beacon']);
    expect(response.hits.find((hit) => hit.type === 'offering')).toMatchObject({
      url: '/offering/beacon',
      title: 'Beacon Glucose Monitor',
      detail: 'Acme Health',
      publishedAt: null,
    });
    expect(response.hits.find((hit) => hit.type === 'article')).toMatchObject({
      url: '/news/live',
      publishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(ids(await find('acme'))).toEqual(['offering:beacon']);
    expect(ids(await find('virtual care'))).toEqual(['topic:medigy-telehealth']);
  });

  it('never shows readers drafts, scheduled articles or what only they name', async () => {
    expect(ids(await find('secret launch'))).toEqual([]);
    expect(ids(await find('embargoed'))).toEqual([]);
    expect(ids(await find('draft only device'))).toEqual([]);
    expect(ids(await find('future care'))).toEqual([]);
    // Named by a published article, an offering without a profile is found.
    expect(ids(await find('orbit pump'))).toEqual(['offering:orbit-pump']);
  });

  it('shows them to an editor in preview', async () => {
    const preview = { preview: true };
    expect(ids(await find('glucose', {}, preview))).toEqual([
      'article:draft',
      'article:live',
      'article:scheduled',
      'offering:beacon',
    ]);
    expect(ids(await find('draft only device', {}, preview))).toEqual([
      'offering:draft-only-device',
    ]);
  });

  it('shows a scheduled article and its topic once its date has come, without rebuilding', async () => {
    const later = { now: Date.now() + 31 * DAY };
    expect(ids(await find('embargoed', {}, later))).toEqual(['article:scheduled']);
    expect(ids(await find('future care', {}, later))).toEqual([
      'article:scheduled',
      'topic:medigy-future-care',
    ]);
  });
});

describe('GET /api/search', () => {
  const get = (search: string) => GET(new Request(`http://localhost/api/search${search}`));

  it('answers ranked JSON results with counts, cacheable for a minute', async () => {
    const response = await get('?q=glucose&limit=1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    const body = (await response.json()) as SearchResponse;
    expect(body).toMatchObject({
      query: { q: 'glucose', type: null, topic: null, page: 1, limit: 1 },
      total: 2,
      pageCount: 2,
      counts: { type: { article: 1, offering: 1, topic: 0 } },
    });
    expect(body.hits).toHaveLength(1);
    expect(body.hits[0]).toEqual({
      id: expect.any(String),
      type: expect.stringMatching(/^(article|offering)$/),
      slug: expect.any(String),
      url: expect.stringMatching(/^\//),
      title: expect.any(String),
      titleHighlight: expect.arrayContaining([{ text: 'Glucose', match: true }]),
      snippet: expect.any(Array),
      publishedAt: body.hits[0]!.type === 'article' ? expect.any(String) : null,
      detail: expect.anything(),
    });
  });

  it('answers an empty query with an empty result', async () => {
    const response = await get('?q=');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ total: 0, hits: [], pageCount: 0 });
    expect((await get('')).status).toBe(200);
  });

  it.each([
    [`?q=${'a'.repeat(100_000)}`, 'q'],
    ['?q=%FF', 'q'],
    // What `next start` hands the route for ?q=%FF: the bad byte already decoded to U+FFFD.
    ['?q=%EF%BF%BD', 'q'],
    ['?q=a&q=b', 'q'],
    ['?q=a&page=-1', 'page'],
    ['?q=a&limit=100000', 'limit'],
    ['?q=a&type=everything', 'type'],
    ['?q=a&topic=%3Cscript%3E', 'topic'],
  ])('answers %s with 400 naming the parameter', async (search, parameter) => {
    const response = await get(search);
    expect(response.status).toBe(400);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { error: { parameter: string; message: string } };
    expect(body.error.parameter).toBe(parameter);
    expect(body.error.message).toEqual(expect.any(String));
  });

  it('answers regex-looking text with an ordinary (empty) result', async () => {
    const response = await get(`?q=${encodeURIComponent('(.*)+')}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ total: 0, hits: [] });
  });

  it('answers a page past the end with no hits but the true total', async () => {
    const response = await get('?q=glucose&page=1000');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ total: 2, pageCount: 1, hits: [] });
  });
});
