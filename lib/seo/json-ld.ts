import type {
  BreadcrumbList,
  CollectionPage,
  NewsArticle,
  Organization,
  Person,
  Product,
  ProfilePage,
  SearchAction,
  WebSite,
  WithContext,
} from 'schema-dts';

import type { ArticleSummary, Author, AuthorRef, Offering } from '@/lib/content';
import { absoluteUrl, SITE_NAME, SITE_TAGLINE } from '@/lib/site';

import type { Crumb } from './breadcrumbs';
import { SEARCH_PATH, articlePath, authorPath, offeringPath } from '@/lib/routes';

/** Schema.org blocks, each rendered by the page that owns its data. */

export const LOGO = { path: '/logo.png', width: 512, height: 512 };

function publisher(): Organization {
  return {
    '@type': 'Organization',
    name: SITE_NAME,
    url: absoluteUrl('/'),
    logo: {
      '@type': 'ImageObject',
      url: absoluteUrl(LOGO.path),
      width: `${LOGO.width}`,
      height: `${LOGO.height}`,
    },
  };
}

export function websiteJsonLd(): WithContext<WebSite> {
  // `query-input` is Google's extension of SearchAction; schema-dts does not model it.
  const searchAction: SearchAction & { 'query-input': string } = {
    '@type': 'SearchAction',
    target: {
      '@type': 'EntryPoint',
      urlTemplate: `${absoluteUrl(SEARCH_PATH)}?q={search_term_string}`,
    },
    'query-input': 'required name=search_term_string',
  };
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: SITE_NAME,
    description: SITE_TAGLINE,
    url: absoluteUrl('/'),
    publisher: publisher(),
    potentialAction: searchAction,
  };
}

export function newsArticleJsonLd(
  article: ArticleSummary,
  imageUrl: string,
): WithContext<NewsArticle> {
  const url = absoluteUrl(articlePath(article.slug));
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title.length > 110 ? `${article.title.slice(0, 109)}…` : article.title,
    description: article.description,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    datePublished: article.publishedAt,
    dateModified: article.modifiedAt,
    author: article.authors.map(person),
    publisher: publisher(),
    image: [absoluteUrl(imageUrl)],
    articleSection: article.topics.map((topic) => topic.label),
    keywords: [...new Set([...article.topics.map((topic) => topic.label), ...article.tags])].join(
      ', ',
    ),
    inLanguage: 'en',
    ...(article.source
      ? {
          isBasedOn: {
            '@type': 'NewsArticle',
            url: article.source.url,
            publisher: { '@type': 'Organization', name: article.source.name },
          },
        }
      : {}),
  };
}

export function breadcrumbJsonLd(crumbs: Crumb[]): WithContext<BreadcrumbList> {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.label,
      item: absoluteUrl(crumb.href),
    })),
  };
}

export function offeringJsonLd(offering: Offering, imageUrl: string): WithContext<Product> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: offering.title,
    url: absoluteUrl(offeringPath(offering.slug)),
    image: absoluteUrl(imageUrl),
    ...(offering.description ? { description: offering.description } : {}),
    ...(offering.vendor ? { brand: { '@type': 'Brand', name: offering.vendor } } : {}),
    ...(offering.offeringId !== null ? { productID: String(offering.offeringId) } : {}),
    category: offering.topics.map((topic) => topic.label).join(', ') || undefined,
  };
}

function person({ name, slug }: AuthorRef): Exclude<Person, string> {
  return { '@type': 'Person', name, ...(slug ? { url: absoluteUrl(authorPath(slug)) } : {}) };
}

/** An author's page: the person, with what their profile says about them. */
export function profilePageJsonLd(author: Author, path: string): WithContext<ProfilePage> {
  return {
    '@context': 'https://schema.org',
    '@type': 'ProfilePage',
    url: absoluteUrl(path),
    mainEntity: {
      ...person(author),
      ...(author.role ? { jobTitle: author.role } : {}),
      ...(author.photo ? { image: absoluteUrl(author.photo.src) } : {}),
      ...(author.body?.text ? { description: author.body.text } : {}),
      ...(author.links.length > 0 ? { sameAs: author.links } : {}),
    },
  };
}

/** A page listing articles: a topic, a source, an author's articles. */
export function collectionJsonLd(
  name: string,
  description: string | null,
  articles: ArticleSummary[],
  path: string,
): WithContext<CollectionPage> {
  return {
    '@context': 'https://schema.org',
    '@type': 'CollectionPage',
    name,
    url: absoluteUrl(path),
    ...(description ? { description } : {}),
    isPartOf: { '@type': 'WebSite', name: SITE_NAME, url: absoluteUrl('/') },
    mainEntity: {
      '@type': 'ItemList',
      numberOfItems: articles.length,
      itemListElement: articles.map((article, index) => ({
        '@type': 'ListItem',
        position: index + 1,
        url: absoluteUrl(articlePath(article.slug)),
        name: article.title,
      })),
    },
  };
}
