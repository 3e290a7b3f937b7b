import 'server-only';

import { contentDir } from './files';
import { loadContent, type ContentStore } from './load';
import { formatProblem } from './problems';
import type { Article, Offering, Paged, Topic } from './types';

export type { Article, CompiledBody, ImageAsset, Offering, Paged, SourceLink, Topic, TopicRef } from './types';
export type { ContentProblem } from './problems';

export const PAGE_SIZE = 12;

let loaded: { dir: string; store: Promise<ContentStore> } | null = null;

/** Parses the content folder once per process (build worker or server) and keeps it. */
function store(): Promise<ContentStore> {
  const dir = contentDir();
  if (loaded?.dir !== dir) {
    loaded = { dir, store: loadContent(dir).then(logProblems) };
  }
  return loaded.store;
}

function logProblems(content: ContentStore): ContentStore {
  const errors = content.problems.filter((problem) => problem.severity === 'error').length;
  for (const problem of content.problems) console.warn(formatProblem(problem));
  console.info(
    `content: ${content.articles.length} articles, ${content.topics.size} topics, ${content.offerings.size} offerings from ${content.dir}; ` +
      `${errors} errors, ${content.problems.length - errors} warnings`,
  );
  return content;
}

/** Published and not scheduled for later. */
export function isPublic(article: Article, now = new Date()): boolean {
  return article.status === 'published' && Date.parse(article.publishedAt) <= now.getTime();
}

function paginate<T>(items: T[], page: number, size = PAGE_SIZE): Paged<T> | null {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  if (!Number.isInteger(page) || page < 1 || page > pageCount) return null;
  return { items: items.slice((page - 1) * size, page * size), page, pageCount, total: items.length };
}

async function publicArticles(): Promise<Article[]> {
  const now = new Date();
  return (await store()).articles.filter((article) => isPublic(article, now));
}

export async function getArticle(slug: string): Promise<Article | null> {
  const article = (await store()).articlesBySlug.get(slug);
  return article && isPublic(article) ? article : null;
}

export async function listArticleSlugs(): Promise<string[]> {
  return (await publicArticles()).map((article) => article.slug);
}

export async function latestArticles(count: number): Promise<Article[]> {
  return (await publicArticles()).slice(0, count);
}

/** Null when the page number is out of range. */
export async function listArticles(page: number): Promise<Paged<Article> | null> {
  return paginate(await publicArticles(), page);
}

export async function listArticlesByTopic(slug: string, page: number): Promise<Paged<Article> | null> {
  const articles = (await publicArticles()).filter((article) =>
    article.topics.some((topic) => topic.slug === slug),
  );
  return paginate(articles, page);
}

export async function listArticlesByOffering(slug: string): Promise<Article[]> {
  return (await publicArticles()).filter((article) => article.offerings.includes(slug));
}

export interface TopicSummary extends Topic {
  articleCount: number;
  offeringCount: number;
}

/** Topics with at least one public article or offering, largest first. */
export async function listTopics(): Promise<TopicSummary[]> {
  const content = await store();
  const articles = await publicArticles();
  const offeringCounts = countBy((await visibleOfferings()).flatMap((o) => o.topics.map((t) => t.slug)));
  const articleCounts = countBy(articles.flatMap((article) => article.topics.map((topic) => topic.slug)));
  return [...content.topics.values()]
    .map((topic) => ({
      ...topic,
      articleCount: articleCounts.get(topic.slug) ?? 0,
      offeringCount: offeringCounts.get(topic.slug) ?? 0,
    }))
    .filter((topic) => topic.hasProfile || topic.articleCount > 0 || topic.offeringCount > 0)
    .sort((a, b) => b.articleCount - a.articleCount || a.label.localeCompare(b.label));
}

export async function getTopic(slug: string): Promise<Topic | null> {
  const topic = (await store()).topics.get(slug);
  if (!topic) return null;
  if (topic.hasProfile) return topic;
  // A topic without a file exists only while something public names it.
  const named =
    (await publicArticles()).some((article) => article.topics.some((t) => t.slug === slug)) ||
    (await listOfferingsByTopic(slug)).length > 0;
  return named ? topic : null;
}

export async function getOffering(slug: string): Promise<Offering | null> {
  const offering = (await store()).offerings.get(slug);
  if (!offering) return null;
  if (offering.hasProfile) return offering;
  // An offering known only from references exists while a public article names it.
  return (await listArticlesByOffering(slug)).length > 0 ? offering : null;
}

async function visibleOfferings(): Promise<Offering[]> {
  const content = await store();
  const mentioned = new Set((await publicArticles()).flatMap((article) => article.offerings));
  return [...content.offerings.values()].filter((offering) => offering.hasProfile || mentioned.has(offering.slug));
}

/** Profiles first, then by name. */
export async function listOfferings(): Promise<Offering[]> {
  return (await visibleOfferings()).sort(
    (a, b) => Number(b.hasProfile) - Number(a.hasProfile) || a.title.localeCompare(b.title),
  );
}

export const OFFERINGS_PAGE_SIZE = 24;

export async function listOfferingsPage(page: number): Promise<Paged<Offering> | null> {
  return paginate(await listOfferings(), page, OFFERINGS_PAGE_SIZE);
}

export async function listOfferingsByTopic(slug: string): Promise<Offering[]> {
  return (await listOfferings()).filter((offering) => offering.topics.some((topic) => topic.slug === slug));
}

export async function getOfferings(slugs: string[]): Promise<Offering[]> {
  const content = await store();
  return slugs.map((slug) => content.offerings.get(slug)).filter((o): o is Offering => Boolean(o));
}

/** Offerings most often named by public articles, profiles first. */
export async function featuredOfferings(count: number): Promise<Offering[]> {
  const mentions = countBy((await publicArticles()).flatMap((article) => article.offerings));
  return (await visibleOfferings())
    .sort(
      (a, b) =>
        Number(b.hasProfile) - Number(a.hasProfile) ||
        (mentions.get(b.slug) ?? 0) - (mentions.get(a.slug) ?? 0) ||
        a.title.localeCompare(b.title),
    )
    .slice(0, count);
}

/** Other offerings ranked by how many topics they share with this one. */
export async function relatedOfferings(offering: Offering, count = 12): Promise<Offering[]> {
  const topics = new Set(offering.topics.map((topic) => topic.slug));
  return (await listOfferings())
    .filter((other) => other.slug !== offering.slug)
    .map((other) => ({ other, shared: other.topics.filter((topic) => topics.has(topic.slug)).length }))
    .filter(({ shared }) => shared > 0)
    .sort((a, b) => b.shared - a.shared || Number(b.other.hasProfile) - Number(a.other.hasProfile))
    .slice(0, count)
    .map(({ other }) => other);
}

/** Absolute path of an image that content references, or null: nothing else is served. */
export async function resolveMedia(key: string): Promise<string | null> {
  return (await store()).assets.get(key) ?? null;
}

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}
