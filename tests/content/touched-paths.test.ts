import { describe, expect, it } from 'vitest';

import {
  articleTouch,
  LISTING_PATHS,
  PAGED_ROUTES,
  pathsTouched,
  type Touch,
} from '@/lib/content/touched-paths';

import { loadedArticle } from '../support/fixture';

const telehealth = { slug: 'telehealth', name: 'Medigy: Telehealth', label: 'Telehealth' };
const EVERY_LISTING = [...LISTING_PATHS, ...PAGED_ROUTES];

const story = loadedArticle({
  slug: 'story',
  topics: [telehealth],
  offerings: ['cuff'],
  authors: [
    { name: 'Dana Reyes', slug: 'dana-reyes' },
    { name: '—', slug: null },
  ],
  source: { name: 'Example News', brand: 'example.com', url: 'https://example.com/story' },
  aliases: ['/news/old-story'],
  image: { src: '/media/news/story.jpg', alt: '', width: 1200, height: 630 },
});

describe('pathsTouched', () => {
  it('is empty when nothing changed', () => {
    expect(pathsTouched([])).toEqual([]);
  });

  it("names an article's page, share image, picture, old URLs, topics, feeds, offerings, authors, source and every listing", () => {
    expect(pathsTouched([articleTouch(story)])).toEqual(
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
      ].sort(),
    );
  });

  it('names the articles either side of a touched one, which link to it', () => {
    expect(pathsTouched([articleTouch(story)], ['newer', 'older'])).toEqual(
      expect.arrayContaining(['/news/newer', '/news/older']),
    );
  });

  it('names what an article showed before a change as well as after it', () => {
    const before = articleTouch(story);
    const after: Touch = { ...before, topics: ['cardiology'] } as Touch;
    const paths = pathsTouched([before, after]);
    expect(paths).toContain('/topic/telehealth');
    expect(paths).toContain('/topic/cardiology');
  });

  it("names an offering's page, share image, its topics and every article that names it", () => {
    const paths = pathsTouched([
      { kind: 'offering', slug: 'cuff', topics: ['cardiology'], namedBy: ['story', 'other'] },
    ]);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/offering/cuff',
        '/og/offering/cuff',
        '/topic/cardiology',
        '/news/story',
        '/news/other',
      ]),
    );
    expect(paths).not.toContain('/topic/telehealth');
  });

  it("names an author profile's page, share image and photo", () => {
    expect(
      pathsTouched([
        { kind: 'author', slug: 'dana', key: 'dana-reyes', photo: '/media/authors/dana.jpg' },
      ]),
    ).toEqual(
      [...EVERY_LISTING, '/author/dana', '/og/author/dana', '/media/authors/dana.jpg'].sort(),
    );
  });

  it("names a topic's page and share image", () => {
    expect(pathsTouched([{ kind: 'topic', slug: 'telehealth' }])).toEqual(
      expect.arrayContaining(['/topic/telehealth', '/og/topic/telehealth', '/']),
    );
  });
});
