/**
 * Reshapes loaded content into search documents: every article that loaded (drafts and
 * scheduled ones too, with when they become public), every offering and every topic, each
 * with the condition under which readers may see it, mirroring lib/content's queries.
 */
import { publicSince, type LoadedContent } from '@/lib/content';
import type { Article, Offering, Topic } from '@/lib/content/types';

import type { SearchDocument } from './types';

const articleId = (slug: string) => `article:${slug}`;
const offeringId = (slug: string) => `offering:${slug}`;

export function toSearchDocuments(content: LoadedContent): SearchDocument[] {
  const articlesByOffering = groupBy(content.articles, (article) => article.offerings);
  const articlesByTopic = groupBy(content.articles, (article) => article.topics.map((t) => t.slug));
  const offerings = [...content.offerings.values()];
  const offeringsByTopic = groupBy(offerings, (offering) => offering.topics.map((t) => t.slug));

  /** An offering without a profile exists while a public article names it. */
  const offeringRequires = (offering: Offering): string[] =>
    offering.hasProfile
      ? []
      : (articlesByOffering.get(offering.slug) ?? []).map((article) => articleId(article.slug));

  /** A topic without a profile exists while a public article or a visible offering names it. */
  const topicRequires = (topic: Topic): string[] => {
    if (topic.hasProfile) return [];
    const namedBy = offeringsByTopic.get(topic.slug) ?? [];
    if (namedBy.some((offering) => offering.hasProfile)) return [];
    const articles = [
      ...(articlesByTopic.get(topic.slug) ?? []).map((article) => articleId(article.slug)),
      ...namedBy.flatMap(offeringRequires),
    ];
    return [...new Set(articles)];
  };

  return [
    ...content.articles.map(articleDocument),
    ...offerings.map((offering) => offeringDocument(offering, offeringRequires(offering))),
    ...[...content.topics.values()].map((topic) => topicDocument(topic, topicRequires(topic))),
  ];
}

function articleDocument(article: Article): SearchDocument {
  return {
    id: articleId(article.slug),
    type: 'article',
    slug: article.slug,
    url: `/news/${article.slug}`,
    title: article.title,
    keywords: [...article.topics.map((topic) => topic.label), article.source?.name ?? ''].join(' '),
    summary: article.description,
    body: article.body.text,
    topics: article.topics.map(({ slug, label }) => ({ slug, label })),
    publishedAt: article.publishedAt,
    detail: article.source?.name ?? null,
    publicFrom: publicSince(article),
    requires: [],
  };
}

function offeringDocument(offering: Offering, requires: string[]): SearchDocument {
  return {
    id: offeringId(offering.slug),
    type: 'offering',
    slug: offering.slug,
    url: `/offering/${offering.slug}`,
    title: offering.title,
    keywords: [offering.vendor ?? '', ...offering.topics.map((topic) => topic.label)].join(' '),
    summary: offering.description ?? '',
    body: offering.body?.text ?? '',
    topics: offering.topics.map(({ slug, label }) => ({ slug, label })),
    publishedAt: null,
    detail: offering.vendor,
    publicFrom: 0,
    requires,
  };
}

function topicDocument(topic: Topic, requires: string[]): SearchDocument {
  return {
    id: `topic:${topic.slug}`,
    type: 'topic',
    slug: topic.slug,
    url: `/topic/${topic.slug}`,
    title: topic.label,
    keywords: topic.name,
    summary: topic.description ?? '',
    body: topic.body?.text ?? '',
    topics: [{ slug: topic.slug, label: topic.label }],
    publishedAt: null,
    detail: null,
    publicFrom: 0,
    requires,
  };
}

function groupBy<T>(items: readonly T[], keys: (item: T) => string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of new Set(keys(item))) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}
