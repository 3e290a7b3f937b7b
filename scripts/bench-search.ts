/**
 * Search benchmark, in process: generates a corpus of N articles (default 10,000) into
 * .cache/bench-search-<N>, indexes it into its own content database (only what changed since
 * the last run), then times a fixed mix of queries against the engine's full-text index,
 * snippets and counts included: SQLite's, PostgreSQL's (at DATABASE_URL, else
 * TEST_DATABASE_URL, in the schema bench_search_<N>) or both in the same run. Prints the
 * figures; asserts nothing (targets, p95: under 10 ms on SQLite, issue 13; under 15 ms on
 * PostgreSQL, issue 14). `npm run bench` times the same queries in the server, over HTTP.
 *
 *   npm run bench:search [-- --articles N] [-- --runs N] [-- --engine sqlite|postgres|both]
 *   npm run bench:search -- --db FILE --dir DIR [--runs N]
 *
 * `--db FILE --dir DIR` times SQLite on a database already indexed from DIR, as it is: nothing
 * is generated or indexed, so a copy of a large benchmark database can be timed before and after
 * a change. DIR must be the folder the file was made from, by this version: the script refuses
 * any other and leaves the file alone (opened so, it would be made again from DIR, empty).
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { EMPTY_QUERY } from '@/lib/search/query';
import type { ContentDatabaseSetting } from '@/lib/config';
import { openEngine } from '@/lib/content/engine';
import { checkExisting } from '@/lib/content/sqlite/connection';
import type { SearchQuery } from '@/lib/search/types';

import { QUERIES } from './bench/search-queries';
import { parseFlags, readCommandLine, UsageError, wholeNumber } from './lib/args';
import { indexFolder } from './lib/content-db';
import {
  CORPUS_MARKER,
  DEFAULT_NOW,
  MAX_ARTICLES,
  generateCorpus,
  prepareOutputDir,
} from './lib/corpus';

const ROOT = path.resolve(import.meta.dirname, '..');

const ENGINES = ['sqlite', 'postgres', 'both'] as const;
/** p95 over all queries, ms: issue 13's for SQLite, issue 14's for PostgreSQL at 100,000 articles. */
const TARGET_MS = { sqlite: 10, postgres: 15 } as const;

const { articles, runs, engine, existing } = readCommandLine(
  'usage: npm run bench:search [-- --articles N] [-- --runs N] [-- --engine sqlite|postgres|both]\n' +
    '       npm run bench:search -- --db FILE --dir DIR [--runs N]',
  (args) => {
    const { values } = parseFlags(args, {
      articles: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '20' },
      engine: { type: 'string', default: 'sqlite' },
      db: { type: 'string' },
      dir: { type: 'string' },
    });
    const engine = ENGINES.find((name) => name === values.engine);
    if (!engine) throw new UsageError(`--engine takes sqlite, postgres or both`);
    if (Boolean(values.db) !== Boolean(values.dir)) {
      throw new UsageError('--db and --dir go together: the file and the folder it was made from');
    }
    if (values.db && engine !== 'sqlite') throw new UsageError('--db times SQLite only');
    // Opened as the database of another folder (or of another version), the file would be
    // made again, empty, and the queries timed on nothing.
    const problem =
      values.db && values.dir
        ? checkExisting(path.resolve(values.db), path.resolve(values.dir))
        : null;
    if (problem) throw new UsageError(`--db and --dir: ${problem}; the file is left as it is`);
    return {
      articles: wholeNumber('--articles', values.articles, 1, MAX_ARTICLES),
      runs: wholeNumber('--runs', values.runs, 1, 10_000),
      engine,
      existing:
        values.db && values.dir
          ? { db: path.resolve(values.db), dir: path.resolve(values.dir) }
          : null,
    };
  },
);
const DIR = existing?.dir ?? path.join(ROOT, '.cache', `bench-search-${articles}`);
const DB = existing?.db ?? path.join(ROOT, '.cache', `bench-search-${articles}.db`);

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});

async function main(): Promise<void> {
  console.log(
    `search benchmark: ${existing ? existing.db : `${articles.toLocaleString('en-US')} articles`}, ${runs} runs of ${QUERIES.length} queries; ` +
      `node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(2)}`,
  );
  const started = performance.now();
  if (existing) {
    console.log(`corpus: ${existing.dir}, database as it is (not indexed)`);
  } else if (reusableCorpus()) {
    console.log(`corpus: reusing ${path.relative(ROOT, DIR)}`);
  } else {
    await prepareOutputDir(DIR);
    await generateCorpus({ dir: DIR, articles });
    console.log(`corpus: generated in ${seconds(started)} s`);
  }
  const targets: ContentDatabaseSetting[] = [];
  if (engine !== 'postgres') targets.push({ engine: 'sqlite', file: DB });
  if (engine !== 'sqlite') targets.push(postgresTarget());
  for (const target of targets) await bench(target);
  // Other work on the machine inflates every figure; the load average says how much there was.
  console.log(`load average at the end: ${loadavg()[0]!.toFixed(2)}`);
}

function postgresTarget(): ContentDatabaseSetting {
  const url = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      '--engine postgres needs DATABASE_URL (or TEST_DATABASE_URL; `bash scripts/services.sh npm run bench:search -- --engine both` starts a server)',
    );
  }
  return { engine: 'postgres', url, schema: `bench_search_${articles}` };
}

async function bench(target: ContentDatabaseSetting): Promise<void> {
  const name = target.engine;
  console.log('');
  console.log(`== ${name}`);
  const started = performance.now();
  if (!existing) {
    const indexed = await indexFolder(DIR, target);
    console.log(
      `index: ${indexed.counts.articles} articles, ${indexed.result.parsed} files parsed, in ${seconds(started)} s`,
    );
  }

  const { store, close } = await openEngine(target, DIR);
  // Latency as the server sees it, snippets and counts included: every query once to warm up,
  // then `runs` rounds in a fixed order.
  const view = { preview: false, now: DEFAULT_NOW.getTime() };
  const search = (query: Partial<SearchQuery>) => store.search({ ...EMPTY_QUERY, ...query }, view);
  for (const [, query] of QUERIES) await search(query);
  const byKind = new Map<string, number[]>();
  const all: number[] = [];
  let slowest = { ms: 0, query: '' };
  for (let round = 0; round < runs; round++) {
    for (const [kind, query] of QUERIES) {
      const t = performance.now();
      await search(query);
      const ms = performance.now() - t;
      all.push(ms);
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
      if (ms > slowest.ms) slowest = { ms, query: JSON.stringify(query) };
    }
  }
  const sample = await search({ q: 'remote patient monitoring' });
  console.log(
    `sample: "remote patient monitoring" -> ${sample.total.toLocaleString('en-US')} matches`,
  );
  console.log(`rss: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
  console.log('');
  const rows = [...byKind].map(([kind, times]) => [kind, ...stats(times)]);
  rows.push(['all', ...stats(all)]);
  table(['queries', 'n', 'p50 ms', 'p95 ms', 'max ms'], rows);
  console.log('');
  console.log(
    `${name}: p95 over all queries: ${stats(all)[2]} ms (target < ${TARGET_MS[name]} ms); slowest ${slowest.ms.toFixed(2)} ms for ${slowest.query}`,
  );
  await close();
}

function stats(times: number[]): string[] {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return [
    String(times.length),
    at(0.5).toFixed(2),
    at(0.95).toFixed(2),
    sorted[sorted.length - 1]!.toFixed(2),
  ];
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

/** The corpus in DIR was generated with this article count (its marker says so). */
function reusableCorpus(): boolean {
  try {
    const marker = JSON.parse(readFileSync(path.join(DIR, CORPUS_MARKER), 'utf8')) as {
      articles?: number;
      hostile?: boolean;
    };
    return marker.articles === articles && marker.hostile === false;
  } catch {
    return false;
  }
}
