/**
 * Search benchmark: generates a 10,000-article corpus (scripts/lib/corpus/) into
 * .cache/bench-search, loads it as the site does, then measures building the in-process
 * search index (time, heap, RSS) and the server-side latency of a fixed set of queries.
 * Prints the figures and exits; it asserts nothing (targets: build < 5 s, p95 < 10 ms).
 *
 *   npm run bench:search [-- --articles N] [-- --runs N]
 *
 * The corpus is kept and reused while it was generated with the same article count.
 * Runs under the `react-server` condition, as lib/ is server-only code.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { loadContent } from '@/lib/content/load';
import { toSearchDocuments } from '@/lib/search/documents';
import { createSearchEngine, type MemorySearchEngine } from '@/lib/search/engine';
import { EMPTY_QUERY } from '@/lib/search/query';
import type { SearchQuery } from '@/lib/search/types';

import { parseFlags, readCommandLine, wholeNumber } from './lib/args';
import {
  CORPUS_MARKER,
  DEFAULT_NOW,
  MAX_ARTICLES,
  generateCorpus,
  prepareOutputDir,
} from './lib/corpus';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIR = path.join(ROOT, '.cache', 'bench-search');

const { articles, runs } = readCommandLine(
  'usage: npm run bench:search [-- --articles N] [-- --runs N]',
  (args) => {
    const { values } = parseFlags(args, {
      articles: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '20' },
    });
    return {
      articles: wholeNumber('--articles', values.articles, 1, MAX_ARTICLES),
      runs: wholeNumber('--runs', values.runs, 1, 10_000),
    };
  },
);

/** A fixed mix of what readers type, by kind, against the generator's vocabulary. */
const QUERIES: Array<[kind: string, query: Partial<SearchQuery>]> = [
  ...['health', 'patients', 'hospital', 'care', 'digital', 'data'].map(
    (q) => ['common word', { q }] as [string, Partial<SearchQuery>],
  ),
  ...['telehealth', 'interoperability', 'readmissions', 'oncology', 'audiology', 'québec'].map(
    (q) => ['rarer word', { q }] as [string, Partial<SearchQuery>],
  ),
  ...['t', 'te', 'tel', 'tele', 'rem', 'mon', 'inter', 'car', 'ho', 'pr'].map(
    (q) => ['prefix', { q }] as [string, Partial<SearchQuery>],
  ),
  ...[
    'helth',
    'hosptial',
    'monitring',
    'interoperabilty',
    'readmisions',
    'diabtes',
    'pateints',
  ].map((q) => ['typo', { q }] as [string, Partial<SearchQuery>]),
  ...[
    'remote patient monitoring',
    'medication adherence',
    'length of stay',
    'hospital readmissions',
    'digital therapeutics',
    'artificial intelligence',
  ].map((q) => ['phrase', { q }] as [string, Partial<SearchQuery>]),
  ...[
    'ai triage funding',
    'nhs digital records',
    'remote monitoring heart failure',
    'mental health app for teens',
    'the future of care',
    'value based care contracts',
    'cybersecurity ransomware hospital',
  ].map((q) => ['multiword', { q }] as [string, Partial<SearchQuery>]),
  ...['remote patient moni', 'digital thera', 'medication adh', 'clinical decision sup'].map(
    (q) => ['typing', { q }] as [string, Partial<SearchQuery>],
  ),
  ['filtered', { q: 'health', type: 'offering' }],
  ['filtered', { q: 'care', type: 'topic' }],
  ['filtered', { q: 'monitoring', page: 20 }],
  ['filtered', { q: 'health', limit: 50, page: 3 }],
  ['no match', { q: 'xylophone' }],
  ['no match', { q: 'zzqx blorft' }],
];

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});

async function main(): Promise<void> {
  const gc = exposeGc();
  console.log(
    `search benchmark: ${articles.toLocaleString('en-US')} articles, ${runs} runs of ${QUERIES.length} queries; ` +
      `node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(2)}`,
  );

  let started = performance.now();
  if (reusableCorpus()) {
    console.log(`corpus: reusing ${path.relative(ROOT, DIR)}`);
  } else {
    await prepareOutputDir(DIR);
    await generateCorpus({ dir: DIR, articles });
    console.log(`corpus: generated in ${seconds(started)} s`);
  }

  started = performance.now();
  const content = await loadContent(DIR);
  console.log(
    `content: ${content.articles.length} articles, ${content.offerings.size} offerings, ${content.topics.size} topics loaded and compiled in ${seconds(started)} s (not part of the index build)`,
  );

  gc();
  const before = process.memoryUsage();
  started = performance.now();
  const documents = toSearchDocuments(content);
  const engine = createSearchEngine(documents) as MemorySearchEngine;
  const buildMs = performance.now() - started;
  gc();
  const after = process.memoryUsage();

  // Latency as a caller on the server sees it, snippets included: every query once to warm
  // up, then `runs` rounds in a fixed order.
  const now = new Date(DEFAULT_NOW);
  const search = (query: Partial<SearchQuery>) =>
    engine.search({ ...EMPTY_QUERY, ...query }, { now });
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

  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log('');
  console.log(
    `index: ${documents.length.toLocaleString('en-US')} documents, ${engine.size.terms.toLocaleString('en-US')} terms`,
  );
  console.log(`index build: ${(buildMs / 1000).toFixed(2)} s (target < 5 s)`);
  console.log(
    `heap: ${mb(before.heapUsed)} -> ${mb(after.heapUsed)} (+${mb(after.heapUsed - before.heapUsed)}, after GC)`,
  );
  console.log(
    `typed arrays: ${mb(before.arrayBuffers)} -> ${mb(after.arrayBuffers)} (+${mb(after.arrayBuffers - before.arrayBuffers)}, outside the heap)`,
  );
  console.log(`rss:  ${mb(before.rss)} -> ${mb(after.rss)} (+${mb(after.rss - before.rss)})`);
  console.log(
    `sample: "remote patient monitoring" -> ${sample.total.toLocaleString('en-US')} matches`,
  );
  console.log('');
  const rows = [...byKind].map(([kind, times]) => [kind, ...stats(times)]);
  rows.push(['all', ...stats(all)]);
  table(['queries', 'n', 'p50 ms', 'p95 ms', 'max ms'], rows);
  console.log('');
  console.log(
    `p95 over all queries: ${stats(all)[2]} ms (target < 10 ms); slowest ${slowest.ms.toFixed(2)} ms for ${slowest.query}`,
  );
  // Other work on the machine inflates every figure; the load average says how much there was.
  console.log(`load average at the end: ${loadavg()[0]!.toFixed(2)}`);
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

/** `global.gc` without requiring --expose-gc on the command line, for comparable heap figures. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
