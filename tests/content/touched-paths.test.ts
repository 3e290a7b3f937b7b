import { describe, expect, it } from 'vitest';

import {
  LISTING_PATHS,
  PAGED_ROUTES,
  pathsTouchedByFiles,
  pathsTouchedByPublication,
  type ContentSnapshot,
} from '@/lib/content/touched-paths';
import type { Author, Offering, Topic } from '@/lib/content/types';

import { loadedArticle } from '../support/fixture';

const telehealth = { slug: 'telehealth', name: 'Medigy: Telehealth', label: 'Telehealth' };
const cardiology = { slug: 'cardiology', name: 'Medigy: Cardiology', label: 'Cardiology' };
const oncology = { slug: 'oncology', name: 'Medigy: Oncology', label: 'Oncology' };
const dana = { name: 'Dana Reyes', slug: 'dana-reyes' };

const story = loadedArticle({
  slug: 'story',
  file: 'news/story.mdx',
  topics: [telehealth],
  offerings: ['cuff'],
  authors: [dana, { name: '—', slug: null }],
  source: { name: 'Example News', brand: 'example.com', url: 'https://example.com/story' },
  aliases: ['/news/old-story'],
  image: { src: '/media/news/story.jpg', alt: '', width: 1200, height: 630 },
});
/** Shares an offering with the story, so it may list the story as related. */
const other = loadedArticle({ slug: 'other', file: 'news/other.mdx', topics: [cardiology], offerings: ['cuff'] });
/** Shares the story's topic: the story may be related to it, or the one before or after it. */
const peer = loadedArticle({ slug: 'peer', file: 'news/peer.mdx', topics: [telehealth], authors: [] });
/** Shares nothing with the story. */
const lone = loadedArticle({ slug: 'lone', file: 'news/lone.mdx', topics: [oncology], authors: [{ name: 'Lee Park', slug: 'lee-park' }] });

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
const profile: Author = {
  ...dana,
  role: null,
  photo: { src: '/media/authors/dana.jpg', alt: 'Dana Reyes', width: 400, height: 400 },
  links: [],
  hasProfile: true,
  file: 'authors/dana-reyes.mdx',
  body: null,
};

const content: ContentSnapshot = {
  articles: [story, other, peer, lone],
  topics: new Map([[topic.slug, topic]]),
  offerings: new Map([[cuff.slug, cuff]]),
  authors: new Map([[profile.slug, profile]]),
};

const EVERY_LISTING = [...LISTING_PATHS, ...PAGED_ROUTES];

describe('pathsTouchedByFiles', () => {
  it('is empty when nothing changed', () => {
    expect(pathsTouchedByFiles([content], new Set())).toEqual([]);
  });

  it('names an article’s page, share image, picture, old URLs, topics, feeds, offerings, authors, source, the articles that may list it, and every listing', () => {
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
        '/author/dana-reyes',
        '/source/example.com',
        '/news/other',
        '/news/peer',
      ].sort(),
    );
    expect(paths).not.toContain('/news/lone');
    expect(paths).not.toContain('/author/lee-park');
  });

  it('names what an article showed before a change as well as after it', () => {
    const moved = { ...story, topics: [cardiology], offerings: [], authors: [{ name: 'Lee Park', slug: 'lee-park' }] };
    const paths = pathsTouchedByFiles([content, { ...content, articles: [moved, other, peer, lone] }], new Set(['news/story.mdx']));
    expect(paths).toEqual(expect.arrayContaining(['/topic/telehealth', '/topic/cardiology', '/author/dana-reyes', '/author/lee-park', '/news/peer']));
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

  it('names an author profile’s page, share image and photo, and the articles whose bylines link to it', () => {
    const paths = pathsTouchedByFiles([content], new Set(['authors/dana-reyes.mdx']));
    expect(paths).toEqual(
      [...EVERY_LISTING, '/author/dana-reyes', '/og/author/dana-reyes', '/media/authors/dana.jpg', '/news/story', '/news/other'].sort(),
    );
  });
});

describe('pathsTouchedByPublication', () => {
  it('is empty when nothing went public, and names the pages of what did', () => {
    expect(pathsTouchedByPublication(content, [])).toEqual([]);
    const paths = pathsTouchedByPublication(content, [other]);
    expect(paths).toEqual(
      [
        ...EVERY_LISTING,
        '/news/other',
        '/og/news/other',
        '/topic/cardiology',
        '/topic/cardiology/feed.xml',
        '/offering/cuff',
        '/author/dana-reyes',
        '/news/story',
      ].sort(),
    );
  });
});
