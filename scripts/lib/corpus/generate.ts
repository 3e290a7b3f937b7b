/** Writes a whole corpus: topics, offerings, articles and, on request, the hostile files. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { buildArticle, type ArticleContext } from './articles';
import { buildHostile, type HostileCase } from './hostile-files';
import { makeJpeg } from './images';
import { buildOfferings, offeringFile } from './offerings';
import { CORPUS_MARKER, WriteQueue } from './output';
import { Prose } from './prose';
import { Rng, streamSeed } from './rng';
import { buildTopics, topicFile } from './topics';

export interface CorpusOptions {
  dir: string;
  articles: number;
  seed?: number;
  hostile?: boolean;
  now?: Date;
}

export interface CorpusSummary {
  dir: string;
  articles: number;
  topics: number;
  offerings: number;
  images: number;
  hostile: HostileCase[];
  publishedSlugs: string[];
}

export const DEFAULT_SEED = 1;
export const DEFAULT_NOW = new Date('2026-11-01T00:00:00Z');
export const MAX_ARTICLES = 1_000_000;

const WRITE_CONCURRENCY = 64;

export async function generateCorpus(options: CorpusOptions): Promise<CorpusSummary> {
  const articleCount = options.articles;
  if (!Number.isInteger(articleCount) || articleCount < 1 || articleCount > MAX_ARTICLES) {
    throw new RangeError(`articles must be an integer from 1 to ${MAX_ARTICLES}`);
  }
  const seed = (options.seed ?? DEFAULT_SEED) >>> 0;
  const now = options.now ?? DEFAULT_NOW;
  if (Number.isNaN(now.getTime())) throw new RangeError('now is not a valid date');
  const dir = path.resolve(options.dir);

  const newsDir = path.join(dir, 'news');
  const topicsDir = path.join(dir, 'topics');
  const offeringsDir = path.join(dir, 'offerings');
  await Promise.all([newsDir, topicsDir, offeringsDir].map((d) => mkdir(d, { recursive: true })));
  await writeFile(
    path.join(dir, CORPUS_MARKER),
    `${JSON.stringify({ generator: 'scripts/generate-corpus.ts', seed, articles: articleCount, hostile: options.hostile === true, now: now.toISOString() })}\n`,
  );

  const queue = new WriteQueue(WRITE_CONCURRENCY);
  const jpeg = await makeJpeg();
  let images = 0;

  // Topics.
  const topicRng = new Rng(streamSeed(seed, 'topics'));
  const topicProse = new Prose(topicRng);
  const topics = buildTopics(topicRng, Math.max(6, Math.round(articleCount / 100)));
  for (const topic of topics) {
    await queue.add(
      path.join(topicsDir, `${topic.slug}.mdx`),
      topicFile(topicRng, topicProse, topic),
    );
  }

  // Offerings (plus a few that exist only as references in articles).
  const offeringRng = new Rng(streamSeed(seed, 'offerings'));
  const offeringProse = new Prose(offeringRng);
  const offeringCount = Math.max(10, Math.round(articleCount / 10));
  const phantomCount = Math.max(3, Math.round(offeringCount * 0.03));
  const plans = buildOfferings(offeringRng, offeringProse, offeringCount, phantomCount, topics);
  for (const plan of plans) {
    if (!plan.hasFile) continue;
    await queue.add(
      path.join(offeringsDir, `${plan.ref.slug}.mdx`),
      offeringFile(offeringRng, offeringProse, plan, now),
    );
    if (plan.hasImage) {
      await queue.add(path.join(offeringsDir, `${plan.ref.slug}-featuredImage.jpeg`), jpeg);
      images++;
    }
  }

  // Articles.
  const articleRng = new Rng(streamSeed(seed, 'articles'));
  const ctx: ArticleContext = {
    rng: articleRng,
    prose: new Prose(articleRng),
    topics,
    offerings: plans.filter((p) => p.hasFile),
    phantomOfferings: plans.filter((p) => !p.hasFile),
    now,
    slugs: new Set(),
    ids: new Set(),
    nextWorkPackage: 20000,
  };
  const publishedSlugs: string[] = [];
  let duplicateOf: { file: string; slug: string } | null = null;
  let firstArticle: { file: string; slug: string } | null = null;
  for (let i = 0; i < articleCount; i++) {
    const article = buildArticle(ctx, i);
    await queue.add(path.join(newsDir, article.file), article.text);
    if (article.image) {
      await queue.add(path.join(newsDir, article.image), jpeg);
      images++;
    }
    firstArticle ??= article;
    if (article.status === 'published') {
      publishedSlugs.push(article.slug);
      duplicateOf ??= article;
    }
  }

  // Hostile files.
  const hostile: HostileCase[] = [];
  if (options.hostile) {
    const original = duplicateOf ?? firstArticle;
    if (!original) throw new Error('no article to duplicate');
    const hostileRng = new Rng(streamSeed(seed, 'hostile'));
    for (const { info, text } of buildHostile(hostileRng, new Prose(hostileRng), now, original)) {
      await queue.add(path.join(dir, info.file), text);
      hostile.push(info);
      if (info.expect === 'published' && info.slug) publishedSlugs.push(info.slug);
    }
  }
  await queue.drain();

  return {
    dir,
    articles: articleCount,
    topics: topics.length,
    offerings: offeringCount,
    images,
    hostile,
    publishedSlugs: publishedSlugs.sort(),
  };
}
