import 'server-only';

import { contentStore, indexChanges } from './database';
import type { ContentProblem } from './problems';
import { articleTouch, pathsTouched } from './touched-paths';

/**
 * Indexes the files changed since the last run, and answers with the site paths whose pages
 * show something of them, before or after the change (for the revalidation endpoint).
 */
export async function refreshContent(): Promise<{
  paths: string[];
  changedFiles: string[];
  problems: ContentProblem[];
}> {
  const result = await indexChanges();
  const store = await contentStore();
  return { paths: pathsTouched(result.touches), changedFiles: result.changedFiles, problems: await store.problems() };
}

/** Articles dated up to this instant have had their pages refreshed (see publishDue). */
let publishedUntil = performance.timeOrigin;

/**
 * Articles whose date passed since the last call (or since this process started), and the
 * pages they appear on, for the publication timer. `now` is injectable for tests.
 */
export async function publishDue(now = Date.now()): Promise<{ slugs: string[]; paths: string[] }> {
  const since = publishedUntil;
  publishedUntil = Math.max(since, now);
  const due = await (await contentStore()).publishedBetween(since, now);
  return { slugs: due.map((article) => article.slug), paths: pathsTouched(due.map(articleTouch)) };
}

/** The instant (epoch ms) the next scheduled article goes public, or null when none is scheduled. */
export async function nextPublicationAfter(now = Date.now()): Promise<number | null> {
  return (await contentStore()).nextPublicationAfter(now);
}
