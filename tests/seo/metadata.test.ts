import { describe, expect, it } from 'vitest';

import { articleMetadata } from '@/lib/seo/metadata';

import { loadedArticle } from '../support/fixture';

const base = loadedArticle({
  title: 'Headline',
  modifiedAt: '2026-11-21T00:00:00.000Z',
  authors: [
    { name: 'Dana Reyes', slug: 'dana-reyes' },
    { name: 'Lee Park', slug: null },
  ],
  image: { src: '/media/news/story.jpg', alt: 'Ward', width: 1200, height: 630 },
  topics: [{ slug: 'medigy-ai', name: 'Medigy: AI', label: 'AI' }],
  tags: ['News'],
});

describe('articleMetadata', () => {
  it('builds complete defaults from the article', () => {
    const metadata = articleMetadata(base);
    expect(metadata).toMatchObject({
      title: 'Headline',
      description: 'Summary.',
      alternates: { canonical: '/news/story' },
      openGraph: {
        type: 'article',
        title: 'Headline',
        url: '/news/story',
        publishedTime: '2026-11-20T00:00:00.000Z',
        modifiedTime: '2026-11-21T00:00:00.000Z',
        section: 'AI',
        tags: ['AI', 'News'],
        authors: ['Dana Reyes', 'Lee Park'],
        images: [{ url: '/media/news/story.jpg', width: 1200, height: 630, alt: 'Ward' }],
      },
      twitter: { card: 'summary_large_image', title: 'Headline' },
    });
  });

  it('uses a generated card when there is no image file', () => {
    expect(articleMetadata({ ...base, image: null }).openGraph?.images).toEqual([
      { url: '/og/news/story', width: 1200, height: 630, alt: 'Headline' },
    ]);
  });

  it('applies front-matter overrides field by field, ignoring nulls and unsafe values', () => {
    const metadata = articleMetadata({
      ...base,
      meta: {
        html: {
          description: 'HTML description',
          keywords: 'rpm, nhs',
          robots: 'noindex',
          author: null,
        },
        openGraph: {
          title: 'OG title',
          description: null,
          image: null,
          url: 'javascript:alert(1)',
          siteName: null,
          type: 'profile',
        },
        twitter: {
          card: 'player',
          title: null,
          description: 'Tweet text',
          image: 'https://cdn.example/t.jpg',
        },
      },
    });
    expect(metadata).toMatchObject({
      title: 'Headline',
      description: 'HTML description',
      keywords: 'rpm, nhs',
      robots: 'noindex',
      authors: [{ name: 'Dana Reyes', url: '/author/dana-reyes' }, { name: 'Lee Park' }],
      openGraph: {
        title: 'OG title',
        description: 'HTML description',
        url: '/news/story',
        type: 'article',
      },
      twitter: {
        card: 'summary_large_image',
        title: 'OG title',
        description: 'Tweet text',
        images: [{ url: 'https://cdn.example/t.jpg', alt: 'Headline' }],
      },
    });
  });
});
