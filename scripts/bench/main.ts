/**
 * Performance benchmark of the portal on generated corpora. For each article count N it
 *
 *   1. generates a corpus in .cache/bench-<N> (or reuses the one already there),
 *   2. times a cold `npm run build` and an incremental one after a one-sentence edit, with the
 *      peak resident memory of the whole build process tree,
 *   3. serves the build as `npm start` does, on 127.0.0.1, and times the first article page
 *      after it answers, first requests for more articles (cache misses: Next renders them),
 *      and the search queries of search-queries.ts over HTTP; then reads the server's memory
 *      after 1,000 different article pages and 200 searches,
 *   4. weighs the home, an article, a topic and an offering page (compressed HTML, JS, CSS) and
 *      compares the article's JS with an empty App Router app built by the same `next`,
 *   5. loads each of the four pages with wrk, without and with `Accept-Encoding: gzip, br`,
 *      then nginx serving the same bytes, in the same run: the machine's own ceiling,
 *   6. asks for every URL in the sitemap once (at most --sweep of them), watching the response
 *      cache stay in its bound,
 *   7. finds the largest listing page and, unless skipped, runs Lighthouse (mobile) three times
 *      on home and article and keeps the median run,
 *
 * then prints the figures with the targets beside them and writes them to
 * bench-results/bench-<N>.json. A missed target is reported, not fatal: the exit code is 0
 * when every figure was taken, 1 when something broke and 2 for a bad flag.
 *
 *   npm run bench -- [--articles 1000[,10000]] [--seconds 10] [--skip-lighthouse] [--port 3220]
 *                    [--cache-mb 64] [--sweep 1000000] [--reuse-build]
 *
 * `--reuse-build` skips step 2 and serves what the last run built for that corpus (an
 * archive of 100,000 articles takes a quarter of an hour to build), for the server's figures.
 *
 * Listens on 127.0.0.1 only: the portal on --port, nginx on --port + 1, the empty app on
 * --port + 2 and Chromium's debugging endpoint on --port + 3. Needs wrk and nginx (Debian
 * packages `wrk` and `nginx-light`); downloads nothing.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { startPortal } from '../lib/portal';
import { assertWrkInstalled, WARM_UP_NOTE, type LoadFigures } from '../lib/wrk';

import { readCommandLine } from '../lib/args';

import { readArgs, USAGE, type Args } from './args';
import { emptyAppBaseline, emptyAppThroughput, type Baseline } from './baseline';
import {
  assertBuiltFrom,
  coldBuild,
  countPrerenderedHtml,
  incrementalBuild,
  type BuildFigures,
  type IncrementalFigures,
} from './builds';
import {
  missTimes,
  STATS_SECRET,
  sweepSitemap,
  type MissFigures,
  type SweepFigures,
} from './cache-figures';
import { ensureCorpus, pickArticleToEdit, type CorpusFolder } from './corpus';
import {
  articlePathsFromNews,
  get,
  pickPages,
  sitemapPaths,
  PAGE_NAMES,
  type PageName,
} from './http';
import { LIGHTHOUSE_RUNS, runLighthouse, type LighthouseFigures } from './lighthouse';
import { DIST_DIR, NEXT_VERSION, ROOT } from './paths';
import { assertPortFree, log, stopEverythingOnSignals } from './processes';
import { checks, printReport, writeResults } from './report';
import { compareWithNginx, type Throughput } from './throughput';
import {
  firstArticle,
  memoryUnderUse,
  revalidateAfterEdit,
  searchLatency,
  type MemoryFigures,
  type RevalidateFigures,
  type SearchFigures,
  type StartFigures,
} from './server-figures';
import { pageWeight, type PageWeight } from './weight';

/** wrk gives up on a request after 2 s, but the server still answers it: let it finish. */
const SETTLE_MS = 5000;

interface ListingFigures {
  /** Uncompressed HTML bytes per path; null when the page does not exist (404). */
  bytes: Record<string, number | null>;
  largest: { path: string; bytes: number };
}

export interface CorpusResult {
  articles: number;
  measuredAt: string;
  nextVersion: string;
  wrk: string;
  corpus: CorpusFolder;
  /** Null when the build was reused (--reuse-build). */
  build: { cold: BuildFigures; incremental: IncrementalFigures } | null;
  prerenderedHtml: number;
  urlsServed: number;
  start: StartFigures;
  misses: MissFigures;
  search: SearchFigures;
  revalidate: RevalidateFigures;
  memory: MemoryFigures;
  pages: Record<PageName, PageWeight & { path: string }>;
  emptyAppJsGzipBytes: number;
  articleJsOverEmptyAppBytes: number;
  throughput: Throughput;
  emptyAppUnderNextStart: LoadFigures;
  sweep: SweepFigures;
  listings: ListingFigures;
  lighthouse: Partial<Record<PageName, LighthouseFigures>> | null;
}

async function listingSizes(origin: string, topicPath: string): Promise<ListingFigures> {
  const bytes: Record<string, number | null> = {};
  let largest = { path: '', bytes: -1 };
  for (const pathname of [
    '/news',
    '/news/page/2',
    '/topics',
    '/topics/page/2',
    '/offerings',
    '/offerings/page/2',
    '/authors',
    '/authors/page/2',
    topicPath,
    `${topicPath}/page/2`,
  ]) {
    const response = await get(`${origin}${pathname}`);
    if (response.status === 404) {
      bytes[pathname] = null;
      continue;
    }
    if (response.status !== 200) throw new Error(`GET ${pathname} answered ${response.status}`);
    bytes[pathname] = response.body.length;
    if (response.body.length > largest.bytes)
      largest = { path: pathname, bytes: response.body.length };
  }
  return { bytes, largest };
}

async function benchCorpus(
  articles: number,
  args: Args,
  baseline: Baseline,
  ceiling: LoadFigures,
): Promise<CorpusResult> {
  const scope = String(articles);
  log(scope, `corpus in .cache/bench-${articles}`);
  const corpus = await ensureCorpus(articles);
  log(scope, corpus.reused ? 'reused the existing corpus' : 'generated a new corpus');
  let build: CorpusResult['build'] = null;
  if (args.reuseBuild) {
    log(scope, `serving the build already in ${DIST_DIR}`);
    assertBuiltFrom(corpus.dir);
  } else {
    log(scope, `cold build into ${DIST_DIR}`);
    const cold = await coldBuild(corpus.dir);
    log(scope, 'incremental build after a one-sentence edit');
    build = { cold, incremental: await incrementalBuild(corpus.dir) };
  }
  const prerenderedHtml = await countPrerenderedHtml();

  await assertPortFree(args.port, 'portal');
  const portal = await startPortal(
    corpus.dir,
    DIST_DIR,
    args.port,
    {},
    {
      REVALIDATE_SECRET: STATS_SECRET,
      RESPONSE_CACHE_MB: String(args.cacheMb),
    },
  );
  const workDir = await mkdtemp(path.join(tmpdir(), 'portal-bench-'));
  // nginx's workers run as an unprivileged user: they must be able to read what is put here.
  await chmod(workDir, 0o755);
  try {
    const articlePaths = (urls: string[]) => urls.filter((url) => /^\/news\/(?!page\/)/.test(url));
    // The first article page, before anything else: how soon a fresh server shows one.
    const start = await firstArticle(portal.url, (await articlePathsFromNews(portal.url))[0]!);
    const urls = await sitemapPaths(portal.url);
    const paths = pickPages(urls);
    log(scope, 'first requests for articles after the start (cache misses)');
    const misses = await missTimes(
      portal.url,
      articlePaths(urls).filter((url) => url !== paths.article && url !== start.path),
    );
    log(scope, 'search queries over HTTP');
    const search = await searchLatency(portal.url, 3);
    log(scope, 'POST /api/revalidate after one article changed, naming it');
    const edited = await pickArticleToEdit(corpus.dir);
    const named = await revalidateAfterEdit(portal.url, corpus.dir, edited, STATS_SECRET, true);
    const memory = await memoryUnderUse(
      portal.url,
      articlePaths(urls).reverse(),
      portal.process.pid!,
    );
    log(scope, 'POST /api/revalidate after one article changed, not naming it');
    const unnamed = await revalidateAfterEdit(portal.url, corpus.dir, edited, STATS_SECRET, false);
    const revalidate: RevalidateFigures = { ...named, unnamedMs: unnamed.ms };
    const pages = {} as CorpusResult['pages'];
    for (const name of PAGE_NAMES)
      pages[name] = { path: paths[name], ...(await pageWeight(portal.url, paths[name])) };
    const throughput = await compareWithNginx(
      portal.url,
      paths,
      args.port + 1,
      args.seconds,
      workDir,
    );
    log(scope, `every URL in the sitemap once, with a ${args.cacheMb} MB response cache`);
    const sweep = await sweepSitemap(portal.url, urls.slice(0, args.sweep), portal.process.pid!);
    const listings = await listingSizes(portal.url, paths.topic);
    let lighthouse: CorpusResult['lighthouse'] = null;
    if (!args.skipLighthouse) {
      await sleep(SETTLE_MS);
      log(
        scope,
        `Lighthouse (performance, mobile) on home and article, median of ${LIGHTHOUSE_RUNS}`,
      );
      lighthouse = await runLighthouse(
        portal.url,
        { home: paths.home, article: paths.article },
        args.port + 3,
      );
    }
    return {
      articles,
      measuredAt: new Date().toISOString(),
      nextVersion: NEXT_VERSION,
      wrk: `wrk -t2 -c50 -d${args.seconds}s --latency, ${WARM_UP_NOTE}`,
      corpus: { dir: path.relative(ROOT, corpus.dir), reused: corpus.reused },
      build,
      prerenderedHtml,
      urlsServed: urls.length,
      start,
      misses,
      search,
      revalidate,
      memory,
      pages,
      emptyAppJsGzipBytes: baseline.jsGzipBytes,
      articleJsOverEmptyAppBytes: pages.article.jsGzipBytes - baseline.jsGzipBytes,
      throughput,
      emptyAppUnderNextStart: ceiling,
      sweep,
      listings,
      lighthouse,
    };
  } finally {
    await portal.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

async function main(args: Args): Promise<void> {
  await assertWrkInstalled();
  const baseline = await emptyAppBaseline(args.port + 2);
  const ceiling = await emptyAppThroughput(args.port + 2, args.seconds);
  for (const articles of args.articles) {
    const result = await benchCorpus(articles, args, baseline, ceiling);
    const list = checks(result);
    printReport(result, list);
    console.log(`figures written to ${await writeResults(result, list)}`);
  }
}

const args = readCommandLine(USAGE, readArgs);
stopEverythingOnSignals();
try {
  await main(args);
  process.exit(0);
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
