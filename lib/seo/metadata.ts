import type { Metadata } from 'next';

import type { ArticleSummary, Author, ImageAsset, Offering, Source, Topic } from '@/lib/content';
import { SITE_NAME } from '@/lib/site';
import {
  articlePath,
  authorPath,
  offeringPath,
  shareImagePath,
  sourcePath,
  topicFeedPath,
  topicPath,
} from '@/lib/routes';

const SITE_FEED = { url: '/feed.xml', title: `${SITE_NAME}: latest news` };

/**
 * A 404's metadata: not-found.tsx's own, and what a route's generateMetadata returns when what
 * it names is not there. Next puts the not-found file's metadata in the HTML but, after
 * hydration, replaces it with the route's (vercel/next.js#95836), so both must say the same.
 */
export const NOT_FOUND_METADATA: Metadata = {
  title: 'Page not found',
  robots: { index: false, follow: true },
};

/** Generated share images are this size (the Open Graph recommendation). */
export const OG_SIZE = { width: 1200, height: 630 };

export const DEFAULT_ROBOTS: Metadata['robots'] = {
  index: true,
  follow: true,
  'max-image-preview': 'large',
  googleBot: { index: true, follow: true, 'max-image-preview': 'large' },
};

interface ShareImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

interface PageMetadataInput {
  title: string;
  description: string;
  path: string;
  image: ShareImage;
  /** Extra Open Graph fields, e.g. an article's times. */
  openGraph?: Record<string, unknown>;
  feeds?: Array<{ url: string; title: string }>;
}

/** A page's complete metadata: Next replaces, not merges, a parent's openGraph and twitter. */
export function pageMetadata({
  title,
  description,
  path,
  image,
  openGraph,
  feeds,
}: PageMetadataInput): Metadata {
  return {
    title,
    description,
    alternates: {
      canonical: path,
      // Next replaces the layout's alternates, so every page names the site feed itself.
      types: { 'application/rss+xml': [SITE_FEED, ...(feeds ?? [])] },
    },
    openGraph: {
      type: 'website',
      siteName: SITE_NAME,
      locale: 'en_US',
      url: path,
      title,
      description,
      images: [image],
      ...openGraph,
    },
    twitter: { card: 'summary_large_image', title, description, images: [image] },
  };
}

export function generatedImage(
  kind: 'site' | 'news' | 'topic' | 'offering' | 'author',
  slug: string,
  alt: string,
): ShareImage {
  return { url: shareImagePath(kind, slug), ...OG_SIZE, alt };
}

function shareImage(image: ImageAsset | null, fallback: ShareImage): ShareImage {
  return image
    ? { url: image.src, width: image.width, height: image.height, alt: image.alt || fallback.alt }
    : fallback;
}

/** The article's share image: the front matter's override, its featured image, or a generated card. */
export function articleImage(article: ArticleSummary): ShareImage {
  const override = article.meta.openGraph.image;
  if (override) return { url: override, ...OG_SIZE, alt: article.title };
  return shareImage(article.image, generatedImage('news', article.slug, article.title));
}

export function offeringImage(offering: Offering): ShareImage {
  return shareImage(offering.image, generatedImage('offering', offering.slug, offering.title));
}

const OG_TYPES = new Set(['article', 'website']);
const TWITTER_CARDS = new Set(['summary', 'summary_large_image']);

/** Article metadata, with the front matter's overrides applied field by field where set. */
export function articleMetadata(article: ArticleSummary): Metadata {
  const { html, openGraph, twitter } = article.meta;
  const path = articlePath(article.slug);
  const description = html.description ?? article.description;
  const image = articleImage(article);
  const ogTitle = openGraph.title ?? article.title;
  const ogDescription = openGraph.description ?? description;
  const base = pageMetadata({ title: article.title, description, path, image });
  return {
    ...base,
    authors: html.author
      ? [{ name: html.author }]
      : article.authors.map(({ name, slug }) => ({
          name,
          ...(slug ? { url: authorPath(slug) } : {}),
        })),
    keywords: html.keywords ?? undefined,
    ...(html.robots ? { robots: html.robots } : {}),
    openGraph: {
      type: 'article',
      ...(openGraph.type && OG_TYPES.has(openGraph.type)
        ? { type: openGraph.type as 'article' }
        : {}),
      siteName: openGraph.siteName ?? SITE_NAME,
      locale: 'en_US',
      url: openGraph.url && /^https?:\/\//.test(openGraph.url) ? openGraph.url : path,
      title: ogTitle,
      description: ogDescription,
      images: [image],
      publishedTime: article.publishedAt,
      modifiedTime: article.modifiedAt,
      section: article.topics[0]?.label,
      tags: [...new Set([...article.topics.map((topic) => topic.label), ...article.tags])],
      authors: article.authors.map((author) => author.name),
    },
    twitter: {
      card:
        twitter.card && TWITTER_CARDS.has(twitter.card)
          ? (twitter.card as 'summary')
          : 'summary_large_image',
      title: twitter.title ?? ogTitle,
      description: twitter.description ?? ogDescription,
      images: [twitter.image ? { url: twitter.image, alt: article.title } : image],
    },
  };
}

export function topicMetadata(topic: Topic, page = 1): Metadata {
  const path = topicPath(topic.slug, page);
  return pageMetadata({
    title: page === 1 ? topic.label : `${topic.label}, page ${page}`,
    description: topic.description ?? `Digital health news and offerings about ${topic.label}.`,
    path,
    image: generatedImage('topic', topic.slug, topic.label),
    feeds: [{ url: topicFeedPath(topic.slug), title: `${topic.label} | ${SITE_NAME}` }],
  });
}

/** Page 1 of a listing is its own URL; page n is `<path>/page/<n>`. */
export function authorMetadata(author: Author, page = 1): Metadata {
  return pageMetadata({
    title: page === 1 ? author.name : `${author.name}, page ${page}`,
    description: `Digital health news by ${author.name}${author.role ? `, ${author.role}` : ''}.`,
    path: authorPath(author.slug, page),
    image: shareImage(author.photo, generatedImage('author', author.slug, author.name)),
    openGraph: { type: 'profile' },
  });
}

export function sourceMetadata(source: Source, page = 1): Metadata {
  const title = `News from ${source.name}`;
  return pageMetadata({
    title: page === 1 ? title : `${title}, page ${page}`,
    description: `Digital health stories we curated from ${source.name}, newest first.`,
    path: sourcePath(source.brand, page),
    image: generatedImage('site', 'default', title),
  });
}

export function offeringMetadata(offering: Offering): Metadata {
  const title = offering.vendor ? `${offering.title} by ${offering.vendor}` : offering.title;
  return pageMetadata({
    title,
    description:
      offering.description ??
      `${offering.title}: the digital health news that mentions it, and related offerings.`,
    path: offeringPath(offering.slug),
    image: offeringImage(offering),
  });
}

/** Home and listing pages. */
export function sectionMetadata(title: string, description: string, path: string): Metadata {
  return pageMetadata({
    title,
    description,
    path,
    image: generatedImage('site', 'default', title),
  });
}
