import 'server-only';

import { draftMode } from 'next/headers';
import { cache } from 'react';

import { contentDir } from './files';
import { loadContent, PUBLIC_OWNER, type ContentStore } from './load';
import { FileCache } from './parse-file';
import { formatProblem, type ContentProblem } from './problems';
import { pathsTouchedByPublication, pathsTouchedByFiles } from './touched-paths';
import type { Article, Offering, Paged, Topic } from './types';

export type { Article, CompiledBody, ImageAsset, Offering, Paged, SourceLink, Topic, TopicRef } from './types';
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
  return { slugs: due.map((article) => article.slug), paths: pathsTouchedByPublication(due) };
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
    `content: ${content.articles.length} articles, ${content.topics.size} topics, ${content.offerings.size} offerings from ${content.dir}; ` +
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

/** Visible articles by topic slug and by offering slug, newest first, built in one pass. */
function articleIndexes(): Promise<{ byTopic: Map<string, Article[]>; byOffering: Map<string, Article[]> }> {
  return derive('article-indexes', (articles) => {
    const byTopic = new Map<string, Article[]>();
    const byOffering = new Map<string, Article[]>();
    for (const article of articles) {
      for (const topic of article.topics) append(byTopic, topic.slug, article);
      for (const offering of article.offerings) append(byOffering, offering, article);
    }
    return { byTopic, byOffering };
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
