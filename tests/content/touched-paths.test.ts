import { describe, expect, it } from 'vitest';

import {
  LISTING_PATHS,
  PAGED_ROUTES,
  pathsTouchedByFiles,
  pathsTouchedByPublication,
  type ContentSnapshot,
} from '@/lib/content/touched-paths';
import type { Offering, Topic } from '@/lib/content/types';

import { loadedArticle } from '../support/fixture';

const telehealth = { slug: 'telehealth', name: 'Medigy: Telehealth', label: 'Telehealth' };
const cardiology = { slug: 'cardiology', name: 'Medigy: Cardiology', label: 'Cardiology' };

const story = loadedArticle({
  slug: 'story',
  file: 'news/story.mdx',
  topics: [telehealth],
  offerings: ['cuff'],
  aliases: ['/news/old-story'],
  image: { src: '/media/news/story.jpg', alt: '', width: 1200, height: 630 },
});
const other = loadedArticle({ slug: 'other', file: 'news/other.mdx', topics: [cardiology], offerings: ['cuff'] });

const topic: Topic = { ...telehealth, description: null, hasProfile: true, file: 'topics/telehealth.mdx', body: null };
const cuff: Offering = {
  slug: 'cuff',
  title: 'Cuff',
  offeringId: 1,
  vendor: null,
  website: null,
  description: null,
  topics: [cardiology],
  image: null,
  hasProfile: true,
  file: 'offerings/cuff.mdx',
  body: null,
};

const content: ContentSnapshot = {
  articles: [story, other],
  topics: new Map([[topic.slug, topic]]),
  offerings: new Map([[cuff.slug, cuff]]),
};

const EVERY_LISTING = [...LISTING_PATHS, ...PAGED_ROUTES];

describe('pathsTouchedByFiles', () => {
  it('is empty when nothing changed', () => {
    expect(pathsTouchedByFiles([content], new Set())).toEqual([]);
  });

  it('names an article’s page, share image, picture, old URLs, topics, feeds, offerings and every listing', () => {
    const paths = pathsTouchedByFiles([content], new Set(['news/story.mdx']));
    expect(paths).toEqual(
      [
        ...EVERY_LISTING,
        '/news/story',
        '/og/news/story',
        '/media/news/story.jpg',
        '/news/old-story',
        '/topic/telehealth',
        '/topic/telehealth/feed.xml',
        '/offering/cuff',
      ].sort(),
    );
    expect(paths).not.toContain('/news/other');
  });

  it('names what an article showed before a change as well as after it', () => {
    const moved = { ...story, topics: [cardiology] };
    const paths = pathsTouchedByFiles([content, { ...content, articles: [moved, other] }], new Set(['news/story.mdx']));
    expect(paths).toContain('/topic/telehealth');
    expect(paths).toContain('/topic/cardiology');
  });

  it('names an offering’s page, its topics and every article that names it', () => {
    const paths = pathsTouchedByFiles([content], new Set(['offerings/cuff.mdx']));
    expect(paths).toEqual(expect.arrayContaining(['/offering/cuff', '/og/offering/cuff', '/topic/cardiology', '/news/story', '/news/other']));
  });

  it('names a topic’s page and share image', () => {
    expect(pathsTouchedByFiles([content], new Set(['topics/telehealth.mdx']))).toEqual(
      expect.arrayContaining(['/topic/telehealth', '/og/topic/telehealth']),
    );
  });
});

describe('pathsTouchedByPublication', () => {
  it('is empty when nothing went public, and names the pages of what did', () => {
    expect(pathsTouchedByPublication([])).toEqual([]);
    const paths = pathsTouchedByPublication([other]);
    expect(paths).toEqual([...EVERY_LISTING, '/news/other', '/og/news/other', '/topic/cardiology', '/topic/cardiology/feed.xml', '/offering/cuff'].sort());
  });
});
