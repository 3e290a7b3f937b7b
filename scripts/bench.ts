/**
 * Performance benchmark of the portal on synthetic corpora. For each article count N it
 *
 *   1. generates a corpus in .cache/bench-<N> (or reuses the one already there),
 *   2. times a cold `next build` and
 *   3. an incremental one after a one-sentence edit, sampling the resident memory of the whole
 *      build process tree every 250 ms,
 *   4. counts the prerendered HTML files and the URLs the sitemap lists,
 *   5. serves the build on 127.0.0.1 and weighs the home, an article, a topic and an offering
 *      page: gzip bytes of the HTML and of the scripts and stylesheets it links,
 *   6. compares the article's JS with an empty App Router app built by the same `next`,
 *   7. loads each of the four pages with wrk, one after another, and, as the ceiling this
 *      machine and this `next` put on any page, two empty apps: one prerendered, one rendered
 *      per request behind a proxy that sets a nonce Content-Security-Policy, as the portal is,
 *   8. finds the largest listing page and
 *   9. unless skipped, runs Lighthouse's performance category (mobile) three times on home and
 *      article and keeps the median run,
 *
 * then prints the figures with the targets beside them and writes them to
 * bench-results/bench-<N>.json. A missed target is reported, not fatal: the exit code is 0
 * when every figure was taken, 1 when something broke (a build, a server, wrk, Lighthouse) and
 * 2 for a bad flag. Sizes are in KB of 1024 bytes.
 *
 *   npm run bench -- [--articles 1000[,10000]] [--seconds 10] [--skip-lighthouse] [--port 3220]
 *
 * Listens on 127.0.0.1 only: the portal on --port, the empty apps on --port + 1 and Chromium's
 * debugging endpoint on --port + 2. Needs wrk (Debian package `wrk`); downloads nothing.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  mkdir,
  readdir,
  readFile,
  readlink,
  rm,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs as parseFlags, promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';

import lighthouse from 'lighthouse';

import { parseSource } from '../lib/content/front-matter';
import { articleStatus, rawArticleSchema } from '../lib/content/schema';

import { launchChromiumForLighthouse } from './lib/chromium';
import {
  CORPUS_MARKER,
  DEFAULT_NOW,
  DEFAULT_SEED,
  MAX_ARTICLES,
  generateCorpus,
  prepareOutputDir,
} from './lib/corpus';
import {
  buildNext,
  buildPortal,
  startNext,
  startPortal,
  type BuildResult,
  type SpawnOptions,
} from './lib/portal';
import { childPids, signalTree, treeRssMb } from './lib/proc';

const ROOT = path.resolve(import.meta.dirname, '..');
const NEXT_VERSION: string = JSON.parse(
  readFileSync(path.join(ROOT, 'node_modules/next/package.json'), 'utf8'),
).version;
const DIST_DIR = '.next-bench';
const CACHE_DIR = path.join(ROOT, '.cache');
const EMPTY_APP_DIR = path.join(CACHE_DIR, 'bench-empty-app');
const NONCE_APP_DIR = path.join(CACHE_DIR, 'bench-empty-app-nonce');
const RESULTS_DIR = path.join(ROOT, 'bench-results');

const MEMORY_SAMPLE_MS = 250;
// Generous: the 10k target is 300 s, but a shared machine can be several times slower.
const BUILD_TIMEOUT_MS = 60 * 60 * 1000;
const REQUEST_TIMEOUT_MS = 30_000;
const LIGHTHOUSE_TIMEOUT_MS = 180_000;
/** Lighthouse's own advice for a score that varies from run to run: take the median of several. */
const LIGHTHOUSE_RUNS = 3;
const SETTLE_MS = 5000;
const WARM_UP_SECONDS = 2;
const WRK_ARGS = ['-t2', '-c50'];
const EDIT_SENTENCE =
  'This sentence was appended by scripts/bench.ts to time an incremental build.';

const KB = 1024;
const TARGETS = {
  coldBuildSeconds: new Map([
    [1_000, 65],
    [10_000, 300],
  ]),
  coldBuildPeakMb: new Map([[10_000, 4096]]),
  articleJsOverEmptyKb: 15,
  cssKb: 10,
  rps: 3000,
  p99Ms: 50,
  listingKb: 200,
  lighthouseScore: 95,
};

const USAGE =
  'usage: npm run bench -- [--articles 1000[,10000]] [--seconds 10] [--skip-lighthouse] [--port 3220]';

// ---------------------------------------------------------------------------------------------
// Flags
// ---------------------------------------------------------------------------------------------

interface Args {
  articles: number[];
  seconds: number;
  skipLighthouse: boolean;
  port: number;
}

class UsageError extends Error {}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got '${text}')`);
  }
  return Number(text);
}

function parseArgs(argv: string[]): Args {
  let values;
  try {
    // Node's own parser: unknown flags, missing values and stray arguments are errors.
    ({ values } = parseFlags({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        articles: { type: 'string', default: '1000' },
        seconds: { type: 'string', default: '10' },
        port: { type: 'string', default: '3220' },
        'skip-lighthouse': { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const articles = values.articles
    .split(',')
    .map((text) => wholeNumber('--articles', text.trim(), 1, MAX_ARTICLES));
  return {
    articles: [...new Set(articles)],
    seconds: wholeNumber('--seconds', values.seconds, 1, 600),
    skipLighthouse: values['skip-lighthouse'],
    // The two ports above --port are used too.
    port: wholeNumber('--port', values.port, 1024, 65_533),
  };
}

// ---------------------------------------------------------------------------------------------
// Processes: everything started here is stopped on the way out, Ctrl-C included
// ---------------------------------------------------------------------------------------------

/** Undo steps that must run even when the run is interrupted (e.g. restoring an edited file). */
const undoOnInterrupt = new Set<() => void>();

function stopEverythingOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const undo of undoOnInterrupt) undo();
      // Our own descendants are exactly the processes this run started: builds, servers, wrk,
      // Chromium. `finally` blocks do not run after process.exit, so stop them here.
      for (const pid of childPids(process.pid)) signalTree(pid);
      console.error(`\nbench: ${signal} received; stopped the processes it had started`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

async function assertPortFree(port: number, purpose: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', () =>
      reject(
        new Error(
          `port ${port} on 127.0.0.1 (${purpose}) is already in use; choose other ports with --port`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

async function assertWrkInstalled(): Promise<void> {
  try {
    await promisify(execFile)('wrk', ['-v'], { timeout: 10_000 });
  } catch (error) {
    // `wrk -v` prints its version and exits 1; only a missing binary is a problem.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('wrk is not installed (Debian/Ubuntu: apt-get install wrk)');
    }
  }
}

function log(scope: string, message: string): void {
  console.log(`[bench ${scope}] ${message}`);
}

// ---------------------------------------------------------------------------------------------
// Corpus
// ---------------------------------------------------------------------------------------------

interface CorpusFolder {
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

async function ensureCorpus(articles: number): Promise<CorpusFolder> {
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
async function pickArticleToEdit(contentDir: string): Promise<string> {
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

// ---------------------------------------------------------------------------------------------
// Builds
// ---------------------------------------------------------------------------------------------

interface BuildFigures {
  seconds: number;
  peakMb: number;
}

/**
 * Runs one build through `start`, sampling the summed resident memory of its process tree
 * and stopping it after BUILD_TIMEOUT_MS. Throws, after printing the output tail, when the
 * build fails.
 */
async function measuredBuild(
  label: string,
  start: (options: SpawnOptions) => Promise<BuildResult>,
): Promise<BuildFigures> {
  let peakMb = 0;
  let timedOut = false;
  let sampler: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  const build = await start({
    onSpawn: (child) => {
      const pid = child.pid;
      if (pid === undefined) return;
      const sample = () => (peakMb = Math.max(peakMb, treeRssMb(pid)));
      sample();
      sampler = setInterval(sample, MEMORY_SAMPLE_MS);
      deadline = setTimeout(() => {
        timedOut = true;
        signalTree(pid);
      }, BUILD_TIMEOUT_MS);
    },
  }).finally(() => {
    clearInterval(sampler);
    clearTimeout(deadline);
  });
  if (timedOut) {
    throw new Error(`${label} did not finish within ${BUILD_TIMEOUT_MS / 60_000} min; stopped it`);
  }
  if (build.exitCode !== 0) {
    console.error(build.output.slice(-4000));
    throw new Error(`${label} failed with exit code ${build.exitCode} (output tail above)`);
  }
  return { seconds: build.seconds, peakMb };
}

async function coldBuild(contentDir: string): Promise<BuildFigures> {
  await rm(path.join(ROOT, DIST_DIR), { recursive: true, force: true });
  return measuredBuild('cold build', (options) => buildPortal(contentDir, DIST_DIR, options));
}

interface IncrementalFigures extends BuildFigures {
  editedFile: string;
}

/** Appends a sentence to one article, rebuilds on top of the cold build, restores the file. */
async function incrementalBuild(contentDir: string): Promise<IncrementalFigures> {
  const file = await pickArticleToEdit(contentDir);
  const original = await readFile(file, 'utf8');
  const restore = () => writeFileSync(file, original);
  undoOnInterrupt.add(restore);
  try {
    await writeFile(file, `${original.trimEnd()}\n\n${EDIT_SENTENCE}\n`);
    const figures = await measuredBuild('incremental build', (options) =>
      buildPortal(contentDir, DIST_DIR, options),
    );
    return { ...figures, editedFile: path.relative(ROOT, file) };
  } finally {
    restore();
    undoOnInterrupt.delete(restore);
  }
}

async function countPrerenderedHtml(): Promise<number> {
  const entries = await readdir(path.join(ROOT, DIST_DIR, 'server/app'), { recursive: true });
  return entries.filter((entry) => entry.endsWith('.html')).length;
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

interface Fetched {
  status: number;
  /** The body as it came over the wire (compressed when the server compressed it). */
  wire: Buffer;
  /** The body decoded. */
  body: Buffer;
  gzippedByServer: boolean;
}

/** GET without redirects or connection reuse; asks for gzip when `gzip` is set. */
function get(url: string, gzip = false): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      {
        agent: false,
        timeout: REQUEST_TIMEOUT_MS,
        headers: gzip ? { 'accept-encoding': 'gzip' } : {},
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const wire = Buffer.concat(chunks);
          const encoding = response.headers['content-encoding'] ?? 'identity';
          if (encoding !== 'gzip' && encoding !== 'identity') {
            reject(new Error(`GET ${url} answered with unexpected Content-Encoding ${encoding}`));
            return;
          }
          const gzippedByServer = encoding === 'gzip';
          try {
            const body = gzippedByServer ? gunzipSync(wire) : wire;
            resolve({ status: response.statusCode ?? 0, wire, body, gzippedByServer });
          } catch (error) {
            reject(new Error(`GET ${url} sent a body that is not valid gzip: ${error}`));
          }
        });
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`GET ${url} took over ${REQUEST_TIMEOUT_MS / 1000} s`)),
    );
    request.on('error', reject);
  });
}

async function getOk(url: string, gzip = false): Promise<Fetched> {
  const response = await get(url, gzip);
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return response;
}

/**
 * Bytes a browser asking for gzip receives. The server leaves small responses uncompressed;
 * those are gzipped here at level 6 (the usual server default), so every figure is comparable.
 */
function gzipBytes(response: Fetched): number {
  return response.gzippedByServer
    ? response.wire.length
    : gzipSync(response.body, { level: 6 }).length;
}

// ---------------------------------------------------------------------------------------------
// Sitemap and the pages to measure
// ---------------------------------------------------------------------------------------------

const PAGE_NAMES = ['home', 'article', 'topic', 'offering'] as const;
type PageName = (typeof PAGE_NAMES)[number];

function locs(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) =>
    (match[1] ?? '').trim().replace(/&amp;/g, '&'),
  );
}

/** Path of a sitemap URL: the sitemap names the configured site, the bench asks 127.0.0.1. */
function pathOf(loc: string): string {
  const url = new URL(loc);
  return `${url.pathname}${url.search}`;
}

/** Paths of every URL in /sitemap.xml, following a sitemap index to its numbered sitemaps. */
async function sitemapPaths(origin: string): Promise<string[]> {
  const xml = (await getOk(`${origin}/sitemap.xml`)).body.toString('utf8');
  if (!/<sitemapindex\b/.test(xml)) return locs(xml).map(pathOf);
  const paths: string[] = [];
  for (const sitemap of locs(xml)) {
    const part = (await getOk(`${origin}${pathOf(sitemap)}`)).body.toString('utf8');
    paths.push(...locs(part).map(pathOf));
  }
  return paths;
}

function pickPages(paths: string[]): Record<PageName, string> {
  const first = (kind: string, pattern: RegExp) => {
    const found = paths.find((p) => pattern.test(p));
    if (!found) throw new Error(`the sitemap lists no ${kind} page (a path like ${pattern})`);
    return found;
  };
  return {
    home: '/',
    article: first('article', /^\/news\/(?!page\/)[^/]+$/),
    topic: first('topic', /^\/topic\/[^/]+$/),
    offering: first('offering', /^\/offering\/[^/]+$/),
  };
}

// ---------------------------------------------------------------------------------------------
// Page weight
// ---------------------------------------------------------------------------------------------

interface PageWeight {
  htmlGzipBytes: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
  scripts: string[];
  stylesheets: string[];
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const value = match?.[1] ?? match?.[2] ?? match?.[3];
  return value === undefined ? null : value.replace(/&amp;/g, '&');
}

/** Same-origin `<script src>` and `<link rel="stylesheet" href>` URLs, each once. */
function linkedAssets(html: string, pageUrl: string): { scripts: string[]; stylesheets: string[] } {
  const origin = new URL(pageUrl).origin;
  const resolve = (refs: (string | null)[]) => {
    const urls = new Set<string>();
    for (const ref of refs) {
      if (ref === null) continue;
      const url = new URL(ref, pageUrl);
      // Nothing may be downloaded from elsewhere; the portal links no third-party assets.
      if (url.origin !== origin) throw new Error(`${pageUrl} links ${url.href}, not on ${origin}`);
      urls.add(url.href);
    }
    return [...urls];
  };
  const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => attribute(m[0], 'src'));
  const stylesheets = [...html.matchAll(/<link\b[^>]*>/gi)]
    .filter((m) => (attribute(m[0], 'rel') ?? '').toLowerCase().split(/\s+/).includes('stylesheet'))
    .map((m) => attribute(m[0], 'href'));
  return { scripts: resolve(scripts), stylesheets: resolve(stylesheets) };
}

async function sumGzipBytes(urls: string[]): Promise<number> {
  let total = 0;
  for (const url of urls) total += gzipBytes(await getOk(url, true));
  return total;
}

async function pageWeight(origin: string, pathname: string): Promise<PageWeight> {
  const url = `${origin}${pathname}`;
  const page = await getOk(url, true);
  const { scripts, stylesheets } = linkedAssets(page.body.toString('utf8'), url);
  return {
    htmlGzipBytes: gzipBytes(page),
    jsGzipBytes: await sumGzipBytes(scripts),
    cssGzipBytes: await sumGzipBytes(stylesheets),
    scripts: scripts.map(pathOf),
    stylesheets: stylesheets.map(pathOf),
  };
}

// ---------------------------------------------------------------------------------------------
// Empty app baseline
// ---------------------------------------------------------------------------------------------

interface Baseline {
  nextVersion: string;
  jsGzipBytes: number;
  scripts: string[];
}

/**
 * The empty app sits inside this project, and Next looks for files in parent folders: without
 * its own next.config.js Next loads the portal's, and without its own proxy.ts Turbopack
 * compiles the portal's. Both are therefore here, doing nothing; neither adds browser JS.
 */
const EMPTY_APP_FILES: Record<string, string> = {
  'package.json': `${JSON.stringify({ private: true, type: 'module' })}\n`,
  // As `next build` would rewrite it, so the build leaves it unchanged.
  'tsconfig.json': `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        lib: ['dom', 'dom.iterable', 'esnext'],
        strict: true,
        noEmit: true,
        module: 'esnext',
        moduleResolution: 'bundler',
        jsx: 'react-jsx',
        isolatedModules: true,
        esModuleInterop: true,
        skipLibCheck: true,
        plugins: [{ name: 'next' }],
        allowJs: true,
        incremental: true,
        resolveJsonModule: true,
      },
      include: [
        'next-env.d.ts',
        '**/*.ts',
        '**/*.tsx',
        '.next/types/**/*.ts',
        '.next/dev/types/**/*.ts',
      ],
      exclude: ['node_modules'],
    },
    null,
    2,
  )}\n`,
  'next.config.js': 'export default {};\n',
  'proxy.ts': `export function proxy() {}

export const config = { matcher: '/__never' };
`,
  'app/layout.tsx': `import type { ReactNode } from 'react';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  'app/page.tsx': `export default function Page() {
  return <h1>Empty app</h1>;
}
`,
};

/**
 * The empty app as the portal serves its pages: rendered per request, behind a proxy that makes
 * a nonce and sets it on the request's and the response's Content-Security-Policy.
 */
const NONCE_APP_FILES: Record<string, string> = {
  ...EMPTY_APP_FILES,
  'proxy.ts': `import { NextResponse, type NextRequest } from 'next/server';

export function proxy(request: NextRequest) {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const nonce = btoa(String.fromCharCode(...bytes));
  const policy = \`script-src 'self' 'nonce-\${nonce}' 'strict-dynamic'\`;
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}
`,
  'app/layout.tsx': EMPTY_APP_FILES['app/layout.tsx']!.replace(
    'export default',
    "export const dynamic = 'force-dynamic';\n\nexport default",
  ),
};

/** Writes an empty app and links it to this project's node_modules, so `next` is the same. */
async function writeEmptyApp(dir: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  const link = path.join(dir, 'node_modules');
  const target = path.join(ROOT, 'node_modules');
  const current = await readlink(link).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new Error(`${link} exists and is not a symlink; remove it and run again`);
  });
  if (current === target) return;
  if (current !== null) await unlink(link);
  await symlink(target, link, 'dir');
}

async function readBaseline(file: string): Promise<Baseline | null> {
  try {
    const cached = JSON.parse(await readFile(file, 'utf8')) as Partial<Baseline>;
    if (cached.nextVersion === NEXT_VERSION && typeof cached.jsGzipBytes === 'number') {
      return cached as Baseline;
    }
  } catch {
    // Absent or unreadable: build it again.
  }
  return null;
}

/** JS gzip bytes of an empty App Router page, built once per Next version. */
async function emptyAppBaseline(port: number): Promise<Baseline> {
  const file = path.join(EMPTY_APP_DIR, 'baseline.json');
  const cached = await readBaseline(file);
  if (cached) {
    log('baseline', `empty app JS for Next ${NEXT_VERSION} from ${path.relative(ROOT, file)}`);
    return cached;
  }
  log('baseline', `building an empty App Router app with Next ${NEXT_VERSION}`);
  await buildEmptyApp(EMPTY_APP_DIR, EMPTY_APP_FILES);
  const weight = await withEmptyApp(EMPTY_APP_DIR, port, (url) => pageWeight(url, '/'));
  const baseline = {
    nextVersion: NEXT_VERSION,
    jsGzipBytes: weight.jsGzipBytes,
    scripts: weight.scripts,
  };
  await writeFile(file, `${JSON.stringify(baseline, null, 2)}\n`);
  return baseline;
}

const EMPTY_APP_ENV = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

async function buildEmptyApp(dir: string, files: Record<string, string>): Promise<void> {
  await writeEmptyApp(dir, files);
  await measuredBuild(`${path.basename(dir)} build`, (options) =>
    buildNext(dir, EMPTY_APP_ENV, options),
  );
  await writeFile(path.join(dir, 'built-with.txt'), `${NEXT_VERSION}\n`);
}

/** Builds the app in `dir` unless this Next version already has. */
async function ensureEmptyApp(dir: string, files: Record<string, string>): Promise<void> {
  const builtWith = await readFile(path.join(dir, 'built-with.txt'), 'utf8').catch(() => '');
  const built = await readFile(path.join(dir, '.next', 'BUILD_ID'), 'utf8').catch(() => '');
  if (builtWith.trim() === NEXT_VERSION && built) return;
  log('ceiling', `building ${path.relative(ROOT, dir)} with Next ${NEXT_VERSION}`);
  await buildEmptyApp(dir, files);
}

async function withEmptyApp<T>(
  dir: string,
  port: number,
  measure: (url: string) => Promise<T>,
): Promise<T> {
  await assertPortFree(port, 'empty app');
  const server = await startNext(dir, EMPTY_APP_ENV, port);
  try {
    return await measure(server.url);
  } finally {
    await server.stop();
  }
}

/** Throughput of an empty page, prerendered and per request with a nonce: what `next start` allows. */
interface Ceiling {
  prerendered: LoadFigures;
  perRequestWithNonce: LoadFigures;
}

async function measureCeiling(args: Args): Promise<Ceiling> {
  const port = args.port + 1;
  await ensureEmptyApp(EMPTY_APP_DIR, EMPTY_APP_FILES);
  await ensureEmptyApp(NONCE_APP_DIR, NONCE_APP_FILES);
  log('ceiling', `empty app, prerendered: wrk for ${args.seconds} s`);
  const prerendered = await withEmptyApp(EMPTY_APP_DIR, port, (url) =>
    loadPage(`${url}/`, args.seconds),
  );
  log('ceiling', `empty app, per request with a nonce: wrk for ${args.seconds} s`);
  const perRequestWithNonce = await withEmptyApp(NONCE_APP_DIR, port, async (url) => {
    // Next puts the request policy's nonce on its scripts only when the page renders per request.
    if (!(await getOk(`${url}/`)).body.toString().includes(' nonce="')) {
      throw new Error(`${path.relative(ROOT, NONCE_APP_DIR)} served scripts without a nonce`);
    }
    return loadPage(`${url}/`, args.seconds);
  });
  return { prerendered, perRequestWithNonce };
}

// ---------------------------------------------------------------------------------------------
// Throughput (wrk)
// ---------------------------------------------------------------------------------------------

interface LoadFigures {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx3xx: number;
  /** wrk's socket errors; `timeout` counts requests that got no answer within 2 s. */
  socketErrors: { connect: number; read: number; write: number; timeout: number };
}

function failedRequests(load: LoadFigures): number {
  const { connect, read, write, timeout } = load.socketErrors;
  return load.non2xx3xx + connect + read + write + timeout;
}

async function runWrk(url: string, seconds: number): Promise<string> {
  const args = [...WRK_ARGS, `-d${seconds}s`, '--latency', url];
  try {
    const { stdout } = await promisify(execFile)('wrk', args, {
      timeout: (seconds + 30) * 1000,
    });
    return stdout;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`wrk ${args.join(' ')} failed: ${stderr?.trim() || message}`);
  }
}

const TO_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function latencyMs(output: string, percentile: string): number {
  const match = new RegExp(`^\\s*${percentile}%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$`, 'm').exec(output);
  if (!match) throw new Error(`wrk output has no ${percentile}% latency line:\n${output}`);
  return Number(match[1]) * (TO_MS[match[2] ?? ''] ?? NaN);
}

function parseWrk(output: string): LoadFigures {
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(output)?.[1];
  if (rps === undefined) throw new Error(`wrk output has no Requests/sec line:\n${output}`);
  // wrk prints these two lines only when the counts are not zero.
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    output,
  );
  const non2xx3xx = /Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1];
  return {
    rps: Number(rps),
    p50Ms: latencyMs(output, '50'),
    p99Ms: latencyMs(output, '99'),
    non2xx3xx: Number(non2xx3xx ?? 0),
    socketErrors: {
      connect: Number(socket?.[1] ?? 0),
      read: Number(socket?.[2] ?? 0),
      write: Number(socket?.[3] ?? 0),
      timeout: Number(socket?.[4] ?? 0),
    },
  };
}

async function loadPage(url: string, seconds: number): Promise<LoadFigures> {
  await runWrk(url, WARM_UP_SECONDS);
  return parseWrk(await runWrk(url, seconds));
}

// ---------------------------------------------------------------------------------------------
// Listing pages
// ---------------------------------------------------------------------------------------------

interface ListingFigures {
  /** Uncompressed HTML bytes per path; null when the page does not exist (404). */
  bytes: Record<string, number | null>;
  largest: { path: string; bytes: number };
}

async function listingSizes(origin: string, topicPath: string): Promise<ListingFigures> {
  const paths = [
    '/news',
    '/news/page/2',
    '/topics',
    '/offerings',
    topicPath,
    `${topicPath}/page/2`,
  ];
  const bytes: Record<string, number | null> = {};
  let largest = { path: '', bytes: -1 };
  for (const pathname of paths) {
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

// ---------------------------------------------------------------------------------------------
// Lighthouse
// ---------------------------------------------------------------------------------------------

/** The median run's figures, and every run's score. */
interface LighthouseFigures {
  score: number;
  lcpMs: number;
  cls: number;
  tbtMs: number;
  scores: number[];
}

type LighthouseRun = Omit<LighthouseFigures, 'scores'>;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Performance category with Lighthouse 12's defaults: mobile form factor, simulated throttling. */
async function runLighthouse(
  origin: string,
  pages: Partial<Record<PageName, string>>,
  debuggingPort: number,
): Promise<Partial<Record<PageName, LighthouseFigures>>> {
  await assertPortFree(debuggingPort, 'Chromium remote debugging');
  const browser = await launchChromiumForLighthouse(debuggingPort);
  const figures: Partial<Record<PageName, LighthouseFigures>> = {};
  try {
    for (const [name, pathname] of Object.entries(pages) as [PageName, string][]) {
      const runs: LighthouseRun[] = [];
      for (let run = 0; run < LIGHTHOUSE_RUNS; run++) {
        runs.push(await lighthouseRun(`${origin}${pathname}`, debuggingPort));
      }
      const sorted = runs.toSorted((a, b) => a.score - b.score);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      figures[name] = { ...median, scores: runs.map((run) => run.score) };
    }
  } finally {
    await browser.close();
  }
  return figures;
}

async function lighthouseRun(url: string, debuggingPort: number): Promise<LighthouseRun> {
  const result = await withTimeout(
    lighthouse(url, {
      port: debuggingPort,
      onlyCategories: ['performance'],
      logLevel: 'error',
      output: 'json',
    }),
    LIGHTHOUSE_TIMEOUT_MS,
    `Lighthouse on ${url}`,
  );
  const lhr = result?.lhr;
  const score = lhr?.categories.performance?.score;
  if (!lhr || score === null || score === undefined) {
    throw new Error(`Lighthouse gave no score for ${url}: ${lhr?.runtimeError?.message ?? ''}`);
  }
  const metric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    score: Math.round(score * 100),
    lcpMs: metric('largest-contentful-paint'),
    cls: metric('cumulative-layout-shift'),
    tbtMs: metric('total-blocking-time'),
  };
}

// ---------------------------------------------------------------------------------------------
// One corpus size
// ---------------------------------------------------------------------------------------------

interface PageFigures extends PageWeight {
  path: string;
  load: LoadFigures;
}

interface CorpusResult {
  articles: number;
  measuredAt: string;
  nextVersion: string;
  wrk: string;
  corpus: CorpusFolder;
  build: { cold: BuildFigures; incremental: IncrementalFigures };
  prerenderedHtml: number;
  urlsServed: number;
  pages: Record<PageName, PageFigures>;
  emptyAppJsGzipBytes: number;
  articleJsOverEmptyAppBytes: number;
  ceiling: Ceiling;
  listings: ListingFigures;
  lighthouse: Partial<Record<PageName, LighthouseFigures>> | null;
}

async function benchCorpus(
  articles: number,
  args: Args,
  baseline: Baseline,
  ceiling: Ceiling,
): Promise<CorpusResult> {
  const scope = String(articles);
  log(scope, `corpus in .cache/bench-${articles}`);
  const corpus = await ensureCorpus(articles);
  log(scope, corpus.reused ? 'reused the existing corpus' : 'generated a new corpus');

  log(scope, `cold build into ${DIST_DIR}`);
  const cold = await coldBuild(corpus.dir);
  log(scope, 'incremental build after a one-sentence edit');
  const incremental = await incrementalBuild(corpus.dir);
  const prerenderedHtml = await countPrerenderedHtml();

  await assertPortFree(args.port, 'portal');
  const portal = await startPortal(corpus.dir, DIST_DIR, args.port);
  try {
    const urls = await sitemapPaths(portal.url);
    const paths = pickPages(urls);
    const pages = {} as Record<PageName, PageFigures>;
    for (const name of PAGE_NAMES) {
      log(scope, `${name} ${paths[name]}: weight, then wrk for ${args.seconds} s`);
      const weight = await pageWeight(portal.url, paths[name]);
      const load = await loadPage(`${portal.url}${paths[name]}`, args.seconds);
      pages[name] = { path: paths[name], ...weight, load };
    }
    const listings = await listingSizes(portal.url, paths.topic);
    let lighthouseFigures: CorpusResult['lighthouse'] = null;
    if (!args.skipLighthouse) {
      // wrk gives up on a request after 2 s, but the server still renders it: let it finish.
      await sleep(SETTLE_MS);
      log(
        scope,
        `Lighthouse (performance, mobile) on home and article, median of ${LIGHTHOUSE_RUNS}`,
      );
      lighthouseFigures = await runLighthouse(
        portal.url,
        { home: paths.home, article: paths.article },
        args.port + 2,
      );
    }
    return {
      articles,
      measuredAt: new Date().toISOString(),
      nextVersion: NEXT_VERSION,
      wrk: `wrk ${WRK_ARGS.join(' ')} -d${args.seconds}s --latency (after a ${WARM_UP_SECONDS} s warm-up)`,
      corpus: { dir: path.relative(ROOT, corpus.dir), reused: corpus.reused },
      build: { cold, incremental },
      prerenderedHtml,
      urlsServed: urls.length,
      pages,
      emptyAppJsGzipBytes: baseline.jsGzipBytes,
      articleJsOverEmptyAppBytes: pages.article.jsGzipBytes - baseline.jsGzipBytes,
      ceiling,
      listings,
      lighthouse: lighthouseFigures,
    };
  } finally {
    await portal.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

interface Check {
  figure: string;
  value: number;
  target: string;
  pass: boolean;
}

const kb = (bytes: number) => (bytes / KB).toFixed(1);

function checks(result: CorpusResult): Check[] {
  const list: Check[] = [];
  const add = (figure: string, value: number, op: '<' | '<=' | '>=', limit: number, unit = '') =>
    list.push({
      figure,
      value,
      target: `${op === '<=' ? '≤' : op === '>=' ? '≥' : '<'} ${limit}${unit}`,
      pass: op === '<' ? value < limit : op === '<=' ? value <= limit : value >= limit,
    });
  const buildSeconds = TARGETS.coldBuildSeconds.get(result.articles);
  if (buildSeconds) add('cold build s', result.build.cold.seconds, '<', buildSeconds, ' s');
  const buildMb = TARGETS.coldBuildPeakMb.get(result.articles);
  if (buildMb) add('cold build peak MB', result.build.cold.peakMb, '<', buildMb, ' MB');
  add(
    'article JS over empty app KB gz',
    result.articleJsOverEmptyAppBytes / KB,
    '<',
    TARGETS.articleJsOverEmptyKb,
    ' KB',
  );
  for (const name of PAGE_NAMES) {
    const page = result.pages[name];
    add(`${name} CSS KB gz`, page.cssGzipBytes / KB, '<', TARGETS.cssKb, ' KB');
    add(`${name} rps`, page.load.rps, '>=', TARGETS.rps);
    add(`${name} p99 ms`, page.load.p99Ms, '<', TARGETS.p99Ms, ' ms');
  }
  add('largest listing KB', result.listings.largest.bytes / KB, '<=', TARGETS.listingKb, ' KB');
  for (const [name, figures] of Object.entries(result.lighthouse ?? {})) {
    add(`${name} Lighthouse score`, figures.score, '>=', TARGETS.lighthouseScore);
  }
  return list;
}

function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** "value target pass|miss" for a figure with a target, just the value for one without. */
function judged(list: Check[], figure: string, shown: string): string {
  const check = list.find((c) => c.figure === figure);
  return check ? `${shown} (${check.target}: ${check.pass ? 'pass' : 'MISS'})` : shown;
}

function printReport(result: CorpusResult, list: Check[]): void {
  const { cold, incremental } = result.build;
  const none = `no target at ${result.articles} articles`;
  const row = (figure: string, shown: string, key: string, noTarget = ''): string[] => {
    const check = list.find((c) => c.figure === key);
    return [figure, shown, check?.target ?? noTarget, check ? (check.pass ? 'pass' : 'MISS') : ''];
  };
  const largest = result.listings.largest;
  const summary = [
    row('cold build', `${cold.seconds.toFixed(1)} s`, 'cold build s', none),
    row('cold build peak memory', `${cold.peakMb.toFixed(0)} MB`, 'cold build peak MB', none),
    ['incremental build', `${incremental.seconds.toFixed(1)} s`, '', ''],
    ['incremental build peak memory', `${incremental.peakMb.toFixed(0)} MB`, '', ''],
    ['pages prerendered (HTML files)', String(result.prerenderedHtml), '', ''],
    ['URLs served (sitemap <loc>)', String(result.urlsServed), '', ''],
    row(
      'article JS over empty app',
      `${kb(result.articleJsOverEmptyAppBytes)} KB gz (empty app ${kb(result.emptyAppJsGzipBytes)})`,
      'article JS over empty app KB gz',
    ),
    row('largest listing page', `${kb(largest.bytes)} KB ${largest.path}`, 'largest listing KB'),
  ];

  console.log(`\n=== ${result.articles} articles · Next ${result.nextVersion} · ${result.wrk}`);
  console.log(formatTable(['figure', 'value', 'target', 'result'], summary));
  console.log();
  console.log(
    formatTable(
      ['page', 'HTML KB gz', 'JS KB gz', 'CSS KB gz', 'rps', 'p50 ms', 'p99 ms', 'errors', 'path'],
      PAGE_NAMES.map((name) => {
        const page = result.pages[name];
        const { load } = page;
        return [
          name,
          kb(page.htmlGzipBytes),
          kb(page.jsGzipBytes),
          judged(list, `${name} CSS KB gz`, kb(page.cssGzipBytes)),
          judged(list, `${name} rps`, load.rps.toFixed(0)),
          load.p50Ms.toFixed(1),
          judged(list, `${name} p99 ms`, load.p99Ms.toFixed(1)),
          String(failedRequests(load)),
          page.path,
        ];
      }),
    ),
  );
  console.log();
  const ceilingRow = (label: string, load: LoadFigures) => [
    label,
    load.rps.toFixed(0),
    load.p50Ms.toFixed(1),
    load.p99Ms.toFixed(1),
    String(failedRequests(load)),
  ];
  console.log(
    formatTable(
      ['ceiling: empty App Router page', 'rps', 'p50 ms', 'p99 ms', 'errors'],
      [
        ceilingRow('prerendered', result.ceiling.prerendered),
        ceilingRow('per request, nonce proxy', result.ceiling.perRequestWithNonce),
      ],
    ),
  );
  console.log();
  if (!result.lighthouse) {
    console.log('Lighthouse: skipped (--skip-lighthouse)');
  } else {
    console.log(
      formatTable(
        ['Lighthouse (mobile), median run', 'performance', 'LCP ms', 'CLS', 'TBT ms', 'all runs'],
        Object.entries(result.lighthouse).map(([name, figures]) => [
          name,
          judged(list, `${name} Lighthouse score`, String(figures.score)),
          figures.lcpMs.toFixed(0),
          figures.cls.toFixed(3),
          figures.tbtMs.toFixed(0),
          figures.scores.join(', '),
        ]),
      ),
    );
  }
  const missed = list.filter((c) => !c.pass).length;
  console.log(`\ntargets: ${list.length - missed} met, ${missed} missed`);
  const failing = PAGE_NAMES.filter((name) => failedRequests(result.pages[name].load) > 0);
  if (failing.length > 0) {
    console.log(
      `note: wrk saw failed requests on ${failing.join(', ')} (details in the JSON); errors are non-2xx/3xx answers plus socket errors, timeouts included`,
    );
  }
}

async function writeResults(result: CorpusResult, list: Check[]): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `bench-${result.articles}.json`);
  await writeFile(file, `${JSON.stringify({ ...result, targets: list }, null, 2)}\n`);
  return path.relative(ROOT, file);
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main(args: Args): Promise<void> {
  await assertWrkInstalled();
  const baseline = await emptyAppBaseline(args.port + 1);
  const ceiling = await measureCeiling(args);
  for (const articles of args.articles) {
    const result = await benchCorpus(articles, args, baseline, ceiling);
    const list = checks(result);
    printReport(result, list);
    console.log(`figures written to ${await writeResults(result, list)}`);
  }
}

let args: Args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`bench: ${error.message}\n${USAGE}`);
  process.exit(2);
}
stopEverythingOnSignals();
try {
  await main(args);
  process.exit(0);
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
