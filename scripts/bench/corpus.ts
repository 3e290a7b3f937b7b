/** The generated corpus a run measures, kept in .cache between runs. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { parseSource } from '../../lib/content/front-matter';
import { articleStatus, rawArticleSchema } from '../../lib/content/schema';
import {
  CORPUS_MARKER,
  DEFAULT_NOW,
  DEFAULT_SEED,
  generateCorpus,
  prepareOutputDir,
} from '../lib/corpus';

import { CACHE_DIR } from './paths';

export interface CorpusFolder {
  dir: string;
  reused: boolean;
}

/** True when `dir` holds a complete non-hostile corpus of `articles` with the default seed. */
async function holdsCorpus(dir: string, articles: number): Promise<boolean> {
  let marker: { seed?: unknown; articles?: unknown; hostile?: unknown; now?: unknown };
  try {
    marker = JSON.parse(await readFile(path.join(dir, CORPUS_MARKER), 'utf8'));
  } catch {
    return false;
  }
  if (
    marker.articles !== articles ||
    marker.seed !== DEFAULT_SEED ||
    marker.hostile !== false ||
    marker.now !== DEFAULT_NOW.toISOString()
  ) {
    return false;
  }
  // The generator writes its marker first, so a run cut short leaves a marker too.
  const news = await readdir(path.join(dir, 'news')).catch(() => []);
  return news.filter((name) => name.endsWith('.mdx')).length === articles;
}

export async function ensureCorpus(articles: number): Promise<CorpusFolder> {
  const dir = path.join(CACHE_DIR, `bench-${articles}`);
  if (await holdsCorpus(dir, articles)) return { dir, reused: true };
  await prepareOutputDir(dir);
  await generateCorpus({ dir, articles, seed: DEFAULT_SEED, hostile: false });
  return { dir, reused: false };
}

/**
 * The first article, in file name order, that the portal publishes (not a draft, not future),
 * read with the portal's own front matter parser and schema.
 */
export async function pickArticleToEdit(contentDir: string): Promise<string> {
  const newsDir = path.join(contentDir, 'news');
  const names = (await readdir(newsDir)).filter((name) => name.endsWith('.mdx')).sort();
  for (const name of names) {
    const file = path.join(newsDir, name);
    let raw;
    try {
      raw = rawArticleSchema.safeParse(parseSource(await readFile(file, 'utf8')).data).data;
    } catch {
      continue; // Not a valid content file: the portal skips it too.
    }
    if (raw && articleStatus(raw.status) === 'published' && raw.date.getTime() <= Date.now()) {
      return file;
    }
  }
  throw new Error(`${newsDir} holds no published article to edit for the incremental build`);
}
