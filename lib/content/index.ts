import 'server-only';

import { draftMode } from 'next/headers';
import { cache } from 'react';

import { contentDir } from './files';
import { loadContent, PUBLIC_OWNER, type ContentStore } from './load';
import { FileCache } from './parse-file';
import { formatProblem, type ContentProblem } from './problems';
import { pathsTouchedByPublication, pathsTouchedByFiles } from './touched-paths';
import type { Article, Author, Offering, Paged, SourceLink, Topic, TopicRef } from './types';

export type { Article, Author, AuthorRef, CompiledBody, ImageAsset, Offering, Paged, SourceLink, Topic, TopicRef } from './types';
export type { ContentProblem } from './problems';

export const PAGE_SIZE = 12;

interface View {
  /** An editor's preview (Next's Draft Mode): drafts and scheduled articles show, files are read fresh. */
  preview: boolean;
  now: Date;
}

/** Outside a request (the build, scripts, tests) there is no preview. */
const currentView = cache(async (): Promise<View> => {
  let preview = false;
  try {
    preview = (await draftMode()).isEnabled;
  } catch {
    // No request scope.
  }
  return { preview, now: new Date() };
});

/**
 * One per process. Next bundles pages and route handlers separately, each with its own copy
 * of this module, so the state lives on globalThis: a refresh by the revalidation route is
 * what the pages then read.
 */
const state = ((globalThis as { [key: symbol]: unknown })[Symbol.for('portal.content')] ??= {
  files: new FileCache(),
  published: null,
  publishedUntil: performance.timeOrigin,
}) as {
  files: FileCache;
  published: { dir: string; store: Promise<ContentStore> } | null;
  /** Articles dated up to this instant have had their pages refreshed (see publishDue). */
  publishedUntil: number;
};
const files = state.files;

/** Parses the content folder once per process (build worker or server) and keeps it. */
function publishedStore(): Promise<ContentStore> {
  const dir = contentDir();
  if (state.published?.dir !== dir) state.published = { dir, store: loadContent(dir, files).then(logProblems) };
  return state.published.store;
}

/**
 * Rescans the folder, reparsing only files that changed, and makes the result what readers
 * get from now on. Returns the site paths whose pages show something from a changed file,
 * before or after the change, for the revalidation endpoint.
 */
export async function refreshContent(): Promise<{
  /** Null when every page must be refreshed: this process had not read the folder before. */
  paths: string[] | null;
  changedFiles: string[];
  problems: ContentProblem[];
}> {
  const dir = contentDir();
  // Prerendered pages are served without reading content, so a fresh server may not know
  // what the folder held before the pipeline wrote to it; then nothing can be diffed.
  const known = state.published?.dir === dir;
  const before = await publishedStore();
  if (!known) return { paths: null, changedFiles: [], problems: before.problems };
  const after = loadContent(dir, files).then(logProblems);
  state.published = { dir, store: after };
  const content = await after;
  const paths = pathsTouchedByFiles([before, content], new Set(content.changedFiles));
  return { paths, changedFiles: content.changedFiles, problems: content.problems };
}

/**
 * Articles whose date passed since the last call (or since this process started), and the
 * pages they appear on, for the publication timer. `now` is injectable for tests.
 */
export async function publishDue(now = Date.now()): Promise<{ slugs: string[]; paths: string[] }> {
  const content = await publishedStore();
  const since = state.publishedUntil;
  state.publishedUntil = Math.max(since, now);
  const due = content.articles.filter((article) => {
    const at = publicSince(article);
    return at !== null && at > since && at <= now;
  });
  return { slugs: due.map((article) => article.slug), paths: pathsTouchedByPublication(content, due) };
}

/** The instant (epoch ms) the next scheduled article goes public, or null when none is scheduled. */
export async function nextPublicationAfter(now = Date.now()): Promise<number | null> {
  let next: number | null = null;
  for (const article of (await publishedStore()).articles) {
    const at = publicSince(article);
    if (at !== null && at > now && (next === null || at < next)) next = at;
  }
  return next;
}

/** Once per request: the published store, or in preview a fresh scan of the folder. */
const store = cache(async (): Promise<ContentStore> => {
  const view = await currentView();
  return view.preview ? loadContent(contentDir(), files) : publishedStore();
});

function logProblems(content: ContentStore): ContentStore {
  const errors = content.problems.filter((problem) => problem.severity === 'error').length;
  for (const problem of content.problems) console.warn(formatProblem(problem));
  console.info(
    `content: ${content.articles.length} articles, ${content.topics.size} topics, ${content.offerings.size} offerings, ${content.authors.size} authors from ${content.dir}; ` +
      `${errors} errors, ${content.problems.length - errors} warnings`,
  );
  return content;
}

/** The instant (epoch milliseconds) an article becomes public; null for drafts, which never do. */
export function publicSince(article: Article): number | null {
  return article.status === 'published' ? Date.parse(article.publishedAt) : null;
}

/** Published and not scheduled for later. */
export function isPublic(article: Article, now = new Date()): boolean {
  const since = publicSince(article);
  return since !== null && since <= now.getTime();
}

/** Everything that loaded, drafts and scheduled articles included. */
export interface LoadedContent {
  /** Newest first. */
  readonly articles: readonly Article[];
  readonly topics: ReadonlyMap<string, Topic>;
  readonly offerings: ReadonlyMap<string, Offering>;
  readonly authors: ReadonlyMap<string, Author>;
}

/**
 * For indexes that decide visibility themselves at query time (lib/search), so a scheduled
 * article appears on its date without a rebuild. The same object for as long as the loaded
 * content is, so it can key a cache.
 */
export async function loadedContent(): Promise<LoadedContent> {
  return store();
}

function paginate<T>(items: T[], page: number, size = PAGE_SIZE): Paged<T> | null {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  if (!Number.isInteger(page) || page < 1 || page > pageCount) return null;
  return { items: items.slice((page - 1) * size, page * size), page, pageCount, total: items.length };
}

/** Public, or anything that loaded when the request is an editor's preview. */
function isVisible(article: Article, view: View): boolean {
  return view.preview || isPublic(article, view.now);
}

/**
 * What readers see depends on the clock only through scheduled articles, so everything
 * derived from the public articles is computed once and kept, per loaded content, until the
 * next scheduled article goes public. Pages render per request (the CSP nonce); this keeps
 * their work to lookups instead of filtering and sorting every article on each request.
 */
interface PublicView {
  from: number;
  until: number;
  articles: Article[];
  derived: Map<string, unknown>;
}
const publicViews = new WeakMap<ContentStore, PublicView>();

function publicView(content: ContentStore, now: Date): PublicView {
  const time = now.getTime();
  const kept = publicViews.get(content);
  if (kept && kept.from <= time && time < kept.until) return kept;
  let until = Infinity;
  for (const article of content.articles) {
    const since = publicSince(article);
    if (since !== null && since > time) until = Math.min(until, since);
  }
  const articles = content.articles.filter((article) => isPublic(article, now));
  const view: PublicView = { from: time, until, articles, derived: new Map() };
  publicViews.set(content, view);
  return view;
}

/**
 * A value computed from the articles a request may see: kept with the public view outside
 * preview, computed afresh in preview, where files are reread on every request.
 */
async function derive<T>(key: string, compute: (articles: Article[]) => T): Promise<T> {
  const [view, content] = await Promise.all([currentView(), store()]);
  if (view.preview) return compute(content.articles);
  const kept = publicView(content, view.now);
  if (!kept.derived.has(key)) kept.derived.set(key, compute(kept.articles));
  return kept.derived.get(key) as T;
}


/** Whether this request is an editor's preview. */
export async function isPreview(): Promise<boolean> {
  return (await currentView()).preview;
}

/**
 * Every article this request may see (public ones; all in preview), newest first. Shared: never
 * sort in place.
 */
export function listVisibleArticles(): Promise<Article[]> {
  return derive('articles', (articles) => articles);
}

export async function getArticle(slug: string): Promise<Article | null> {
  const [view, content] = await Promise.all([currentView(), store()]);
  const article = content.articlesBySlug.get(slug);
  return article && isVisible(article, view) ? article : null;
}

export async function latestArticles(count: number): Promise<Article[]> {
  return (await listVisibleArticles()).slice(0, count);
}

/** Null when the page number is out of range. */
export async function listArticles(page: number): Promise<Paged<Article> | null> {
  return paginate(await listVisibleArticles(), page);
}

interface ArticleIndexes {
  byTopic: Map<string, Article[]>;
  byOffering: Map<string, Article[]>;
  byAuthor: Map<string, Article[]>;
  bySource: Map<string, Article[]>;
}

/** Visible articles by topic, offering and author slug and by source brand, newest first, built in one pass. */
function articleIndexes(): Promise<ArticleIndexes> {
  return derive('article-indexes', (articles) => {
    const indexes: ArticleIndexes = { byTopic: new Map(), byOffering: new Map(), byAuthor: new Map(), bySource: new Map() };
    for (const article of articles) {
      for (const topic of article.topics) append(indexes.byTopic, topic.slug, article);
      for (const offering of article.offerings) append(indexes.byOffering, offering, article);
      for (const author of article.authors) if (author.slug) append(indexes.byAuthor, author.slug, article);
      if (article.source) append(indexes.bySource, article.source.brand, article);
    }
    return indexes;
  });
}

function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export async function listArticlesByTopic(slug: string, page: number, size = PAGE_SIZE): Promise<Paged<Article> | null> {
  return paginate((await articleIndexes()).byTopic.get(slug) ?? [], page, size);
}

/** Shared: never sort in place. */
export async function listArticlesByOffering(slug: string): Promise<Article[]> {
  return (await articleIndexes()).byOffering.get(slug) ?? [];
}

/**
 * Up to `count` other visible articles that share the most topics and offerings with this one,
 * newest first among equals. Only articles that share something: an unrelated story is not
 * offered as related.
 */
export async function relatedArticles(article: Article, count = 4): Promise<Article[]> {
  const { byTopic, byOffering } = await articleIndexes();
  const shared = new Map<Article, number>();
  const candidates = [
    ...article.topics.map((topic) => byTopic.get(topic.slug) ?? []),
    ...article.offerings.map((offering) => byOffering.get(offering) ?? []),
  ];
  for (const list of candidates) {
    for (const other of list) if (other.slug !== article.slug) shared.set(other, (shared.get(other) ?? 0) + 1);
  }
  return [...shared]
    .sort(([a, sharedA], [b, sharedB]) => sharedB - sharedA || newestFirst(a, b))
    .slice(0, count)
    .map(([other]) => other);
}

/** The loader's order of articles: newest first, then last modified, then by slug. */
function newestFirst(a: Article, b: Article): number {
  return b.publishedAt.localeCompare(a.publishedAt) || b.modifiedAt.localeCompare(a.modifiedAt) || a.slug.localeCompare(b.slug);
}

export interface TopicNeighbours {
  /** The article's primary (first) topic. */
  topic: TopicRef;
  newer: Article | null;
  older: Article | null;
}

/** The visible articles just before and after this one in its primary topic; null without a topic. */
export async function adjacentInTopic(article: Article): Promise<TopicNeighbours | null> {
  const topic = article.topics[0];
  if (!topic) return null;
  const list = (await articleIndexes()).byTopic.get(topic.slug) ?? [];
  const index = list.findIndex((other) => other.slug === article.slug);
  if (index === -1) return { topic, newer: null, older: null };
  return { topic, newer: list[index - 1] ?? null, older: list[index + 1] ?? null };
}

/** An author with a profile, or one a visible article names; null otherwise. */
export async function getAuthor(slug: string): Promise<Author | null> {
  const author = (await store()).authors.get(slug);
  if (!author) return null;
  if (author.hasProfile) return author;
  return (await articleIndexes()).byAuthor.has(slug) ? author : null;
}

/** An author's visible articles, newest first; null when the page number is out of range. */
export async function listArticlesByAuthor(slug: string, page: number, size = PAGE_SIZE): Promise<Paged<Article> | null> {
  return paginate((await articleIndexes()).byAuthor.get(slug) ?? [], page, size);
}

export interface AuthorSummary extends Author {
  articleCount: number;
}

/** Profiles and the authors of visible articles, by name. */
export async function listAuthors(): Promise<AuthorSummary[]> {
  const content = await store();
  const { byAuthor } = await articleIndexes();
  return derive('authors', () =>
    [...content.authors.values()]
      .map((author) => ({ ...author, articleCount: byAuthor.get(author.slug)?.length ?? 0 }))
      .filter((author) => author.hasProfile || author.articleCount > 0)
      .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.slug.localeCompare(b.slug)),
  );
}

export interface Source {
  brand: string;
  /** The publication's name where an article spells it out, else its domain. */
  name: string;
  articleCount: number;
}

/** A publication visible articles are curated from; null when none is. */
export async function getSource(brand: string): Promise<Source | null> {
  const articles = (await articleIndexes()).bySource.get(brand);
  return articles ? sourceOf(brand, articles) : null;
}

function sourceOf(brand: string, articles: Article[]): Source {
  const names = articles.map((article) => (article.source as SourceLink).name);
  return { brand, name: names.find((name) => name !== brand) ?? brand, articleCount: articles.length };
}

/** Every publication visible articles are curated from, by name. */
export async function listSources(): Promise<Source[]> {
  const { bySource } = await articleIndexes();
  return derive('sources', () =>
    [...bySource].map(([brand, articles]) => sourceOf(brand, articles)).sort((a, b) => a.name.localeCompare(b.name, 'en')),
  );
}

/** Visible articles curated from a publication, newest first; null when the page number is out of range. */
export async function listArticlesBySource(brand: string, page: number, size = PAGE_SIZE): Promise<Paged<Article> | null> {
  return paginate((await articleIndexes()).bySource.get(brand) ?? [], page, size);
}

export interface TopicSummary extends Topic {
  articleCount: number;
  offeringCount: number;
}

/** Topics with at least one public article or offering, largest first. */
export async function listTopics(): Promise<TopicSummary[]> {
  const content = await store();
  const offerings = await visibleOfferings();
  return derive('topics', (articles) => {
    const offeringCounts = countBy(offerings.flatMap((o) => o.topics.map((t) => t.slug)));
    const articleCounts = countBy(articles.flatMap((article) => article.topics.map((topic) => topic.slug)));
    return [...content.topics.values()]
      .map((topic) => ({
        ...topic,
        articleCount: articleCounts.get(topic.slug) ?? 0,
        offeringCount: offeringCounts.get(topic.slug) ?? 0,
      }))
      .filter((topic) => topic.hasProfile || topic.articleCount > 0 || topic.offeringCount > 0)
      .sort((a, b) => b.articleCount - a.articleCount || a.label.localeCompare(b.label));
  });
}

export async function getTopic(slug: string): Promise<Topic | null> {
  const topic = (await store()).topics.get(slug);
  if (!topic) return null;
  if (topic.hasProfile) return topic;
  // A topic without a file exists only while something public names it.
  const named =
    (await articleIndexes()).byTopic.has(slug) || (await listOfferingsByTopic(slug)).length > 0;
  return named ? topic : null;
}

export async function getOffering(slug: string): Promise<Offering | null> {
  const offering = (await store()).offerings.get(slug);
  if (!offering) return null;
  if (offering.hasProfile) return offering;
  // An offering known only from references exists while a public article names it.
  return (await listArticlesByOffering(slug)).length > 0 ? offering : null;
}

/**
 * Offerings with a profile, and those known only from references while a visible article names
 * them; profiles first, then by name. Shared: never sort in place.
 */
async function visibleOfferings(): Promise<Offering[]> {
  const content = await store();
  return derive('offerings', (articles) => {
    const mentioned = new Set(articles.flatMap((article) => article.offerings));
    return [...content.offerings.values()]
      .filter((offering) => offering.hasProfile || mentioned.has(offering.slug))
      .sort((a, b) => Number(b.hasProfile) - Number(a.hasProfile) || a.title.localeCompare(b.title));
  });
}

/** Profiles first, then by name. */
export async function listOfferings(): Promise<Offering[]> {
  return visibleOfferings();
}

export const OFFERINGS_PAGE_SIZE = 24;

export async function listOfferingsPage(page: number): Promise<Paged<Offering> | null> {
  return paginate(await listOfferings(), page, OFFERINGS_PAGE_SIZE);
}

/** Shared: never sort in place. */
export async function listOfferingsByTopic(slug: string): Promise<Offering[]> {
  const offerings = await visibleOfferings();
  const byTopic = await derive('offerings-by-topic', () => {
    const index = new Map<string, Offering[]>();
    for (const offering of offerings) for (const topic of offering.topics) append(index, topic.slug, offering);
    return index;
  });
  return byTopic.get(slug) ?? [];
}

export async function getOfferings(slugs: string[]): Promise<Offering[]> {
  const content = await store();
  return slugs.map((slug) => content.offerings.get(slug)).filter((o): o is Offering => Boolean(o));
}

/** Offerings most often named by public articles, profiles first. */
export async function featuredOfferings(count: number): Promise<Offering[]> {
  const offerings = await visibleOfferings();
  const ranked = await derive('featured-offerings', (articles) => {
    const mentions = countBy(articles.flatMap((article) => article.offerings));
    return [...offerings].sort(
      (a, b) =>
        Number(b.hasProfile) - Number(a.hasProfile) ||
        (mentions.get(b.slug) ?? 0) - (mentions.get(a.slug) ?? 0) ||
        a.title.localeCompare(b.title),
    );
  });
  return ranked.slice(0, count);
}

/** Other offerings ranked by how many topics they share with this one. */
export async function relatedOfferings(offering: Offering, count = 12): Promise<Offering[]> {
  const offerings = await visibleOfferings();
  return derive(`related:${offering.slug}:${count}`, () => {
    const topics = new Set(offering.topics.map((topic) => topic.slug));
    return offerings
      .filter((other) => other.slug !== offering.slug)
      .map((other) => ({ other, shared: other.topics.filter((topic) => topics.has(topic.slug)).length }))
      .filter(({ shared }) => shared > 0)
      .sort((a, b) => b.shared - a.shared || Number(b.other.hasProfile) - Number(a.other.hasProfile))
      .slice(0, count)
      .map(({ other }) => other);
  });
}

/** The canonical path an old article URL redirects to, or null; only public articles redirect. */
export async function resolveAlias(path: string): Promise<string | null> {
  const slug = (await store()).aliases.get(path.length > 1 ? path.replace(/\/+$/, '') : path);
  const article = slug ? await getArticle(slug) : null;
  return article ? `/news/${article.slug}` : null;
}

/**
 * Absolute path of an image that content references, or null: nothing else is served, and
 * an image only hidden articles use is served only in preview.
 */
export async function resolveMedia(key: string): Promise<string | null> {
  const [view, content] = await Promise.all([currentView(), store()]);
  const asset = content.assets.get(key);
  if (!asset) return null;
  if (view.preview || asset.owners.has(PUBLIC_OWNER)) return asset.absolute;
  for (const slug of asset.owners) {
    const article = content.articlesBySlug.get(slug);
    if (article && isPublic(article, view.now)) return asset.absolute;
  }
  return null;
}

/**
 * The canonical path of an article, topic or offering with this slug, whatever its status,
 * read fresh from the folder: what an editor turning preview on is taken to.
 */
export async function findForPreview(slug: string): Promise<string | null> {
  const content = await loadContent(contentDir(), files);
  if (content.articlesBySlug.has(slug)) return `/news/${slug}`;
  if (content.topics.has(slug)) return `/topic/${slug}`;
  if (content.offerings.has(slug)) return `/offering/${slug}`;
  return null;
}

/** What an article is to the reader of this request: live, a draft, or scheduled for its date. */
export type ArticleState = 'public' | 'draft' | 'scheduled';

export async function articleState(article: Article): Promise<ArticleState> {
  if (article.status === 'draft') return 'draft';
  return isPublic(article, (await currentView()).now) ? 'public' : 'scheduled';
}

/** Drafts, scheduled articles and every content problem, for the editors' page (preview only). */
export async function editorialQueue() {
  const view = await currentView();
  if (!view.preview) return null;
  const content = await store();
  return {
    drafts: content.articles.filter((article) => article.status === 'draft'),
    scheduled: content.articles
      .filter((article) => article.status === 'published' && !isPublic(article, view.now))
      .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt)),
    problems: content.problems,
  };
}

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}
