import 'server-only';

import { contentStore, indexChanges } from './database';
import type { ContentProblem } from './problems';
import { articleTouch, pathsTouched, type ArticleTouch, type Touch } from './touched-paths';

/**
 * More changed articles than this refresh every page (null paths): their neighbours alone would
 * be a query each, and the pages they touch would be most of the site's listings anyway.
 */
const MAX_LISTED_ARTICLES = 200;

/**
 * Indexes the files changed since the last run, and answers with the site paths whose pages
 * show something of them, before or after the change (for the revalidation endpoint; null
 * when so much changed that every page is to be refreshed), and the problems of those files.
 */
export async function refreshContent(files?: readonly string[]): Promise<{
  paths: string[] | null;
  changedFiles: string[];
  problems: ContentProblem[];
}> {
  const result = await indexChanges(files);
  return {
    paths: await pathsOf(result.touches),
    changedFiles: result.changedFiles,
    problems: result.problems,
  };
}

async function pathsOf(touches: Touch[], now = Date.now()): Promise<string[] | null> {
  const articles = touches.filter((touch): touch is ArticleTouch => touch.kind === 'article');
  if (articles.length > MAX_LISTED_ARTICLES) return null;
  const neighbours = await (await contentStore()).neighbours(articles, now);
  return pathsTouched(touches, neighbours);
}

/** Articles dated up to this instant have had their pages refreshed (see publishDue). */
let publishedUntil = performance.timeOrigin;

/**
 * Articles whose date passed since the last call (or since this process started), and the
 * pages they appear on (null: every page), for the publication timer. `now` is injectable for
 * tests.
 */
export async function publishDue(
  now = Date.now(),
): Promise<{ slugs: string[]; paths: string[] | null }> {
  const since = publishedUntil;
  publishedUntil = Math.max(since, now);
  const due = await (await contentStore()).publishedBetween(since, now);
  return {
    slugs: due.map((article) => article.slug),
    paths: await pathsOf(due.map(articleTouch), now),
  };
}

/** The instant (epoch ms) the next scheduled article goes public, or null when none is scheduled. */
export async function nextPublicationAfter(now = Date.now()): Promise<number | null> {
  return (await contentStore()).nextPublicationAfter(now);
}
