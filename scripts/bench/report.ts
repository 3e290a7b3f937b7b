/** The figures against their targets: printed as tables, and written as JSON. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { failedRequests } from '../lib/wrk';

import type { CorpusResult } from './main';
import { PAGE_NAMES } from './http';
import { RESULTS_DIR, ROOT } from './paths';
import { ENCODINGS, type LoadEncoding } from './throughput';

const KB = 1024;
const TARGETS = {
  /** The whole build (index and Next), and its peak memory, by archive size. */
  coldBuildSeconds: new Map([
    [1_000, 65],
    [10_000, 300],
    [100_000, 900],
  ]),
  coldBuildPeakMb: new Map([
    [10_000, 4096],
    [100_000, 4096],
  ]),
  articleJsOverEmptyKb: 15,
  cssKb: 10,
  /** Of nginx's requests per second on the same bytes, in the same run. */
  shareOfNginx: 0.5,
  p99Ms: 10,
  missP95Ms: new Map([[10_000, 100]]),
  /** After one file changed, as the revalidation endpoint does it when told which. */
  reindexSeconds: 2,
  /** After 1,000 different article pages and 200 searches, whatever the size of the archive. */
  serverRssMb: 400,
  firstArticleMs: 1000,
  searchP95Ms: 10,
  listingKb: 200,
  lighthouseScore: 95,
};

export interface Check {
  figure: string;
  value: number;
  target: string;
  pass: boolean;
}

const kb = (bytes: number) => (bytes / KB).toFixed(1);

export function checks(result: CorpusResult): Check[] {
  const list: Check[] = [];
  const add = (figure: string, value: number, op: '<' | '<=' | '>=', limit: number, unit = '') =>
    list.push({
      figure,
      value,
      target: `${op === '<=' ? '≤' : op === '>=' ? '≥' : '<'} ${limit}${unit}`,
      pass: op === '<' ? value < limit : op === '<=' ? value <= limit : value >= limit,
    });
  const buildSeconds = TARGETS.coldBuildSeconds.get(result.articles);
  if (buildSeconds && result.build)
    add('cold build s', result.build.cold.seconds, '<', buildSeconds, ' s');
  const buildMb = TARGETS.coldBuildPeakMb.get(result.articles);
  if (buildMb && result.build)
    add('cold build peak MB', result.build.cold.peakMb, '<', buildMb, ' MB');
  add(
    'article JS over empty app KB gz',
    result.articleJsOverEmptyAppBytes / KB,
    '<',
    TARGETS.articleJsOverEmptyKb,
    ' KB',
  );
  for (const name of PAGE_NAMES) {
    add(`${name} CSS KB gz`, result.pages[name].cssGzipBytes / KB, '<', TARGETS.cssKb, ' KB');
    for (const encoding of Object.keys(ENCODINGS) as LoadEncoding[]) {
      const { portal, nginx } = result.throughput[name][encoding];
      add(`${name} ${encoding} share of nginx`, portal.rps / nginx.rps, '>=', TARGETS.shareOfNginx);
      add(`${name} ${encoding} p99 ms`, portal.p99Ms, '<', TARGETS.p99Ms, ' ms');
    }
  }
  // What the revalidation endpoint does when the pipeline names the file it wrote.
  add('re-index after one edit s', result.revalidate.ms / 1000, '<', TARGETS.reindexSeconds, ' s');
  if (result.articles >= 10_000)
    add('server RSS MB after use', result.memory.rssMbAfter, '<', TARGETS.serverRssMb, ' MB');
  add('first article ms', result.start.firstArticleMs, '<', TARGETS.firstArticleMs, ' ms');
  add('search p95 ms', result.search.p95Ms, '<', TARGETS.searchP95Ms, ' ms');
  const missMs = TARGETS.missP95Ms.get(result.articles);
  if (missMs) add('miss p95 ms', result.misses.p95Ms, '<', missMs, ' ms');
  add('cache peak / bound', result.sweep.peakBytes / result.sweep.maxBytes, '<=', 1);
  add('largest listing KB', result.listings.largest.bytes / KB, '<=', TARGETS.listingKb, ' KB');
  for (const [name, figures] of Object.entries(result.lighthouse ?? {})) {
    add(`${name} Lighthouse score`, figures.score, '>=', TARGETS.lighthouseScore);
  }
  return list;
}

export function formatTable(header: string[], rows: string[][]): string {
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

/** "value (target: pass|MISS)" for a figure with a target, just the value for one without. */
function judged(list: Check[], figure: string, shown: string): string {
  const check = list.find((c) => c.figure === figure);
  return check ? `${shown} (${check.target}: ${check.pass ? 'pass' : 'MISS'})` : shown;
}

export function printReport(result: CorpusResult, list: Check[]): void {
  const { build, misses, sweep } = result;
  const reused = 'not timed (--reuse-build)';
  const none = `no target at ${result.articles} articles`;
  const row = (figure: string, shown: string, key: string, noTarget = ''): string[] => {
    const check = list.find((c) => c.figure === key);
    return [figure, shown, check?.target ?? noTarget, check ? (check.pass ? 'pass' : 'MISS') : ''];
  };
  const largest = result.listings.largest;
  console.log(`\n=== ${result.articles} articles · Next ${result.nextVersion} · ${result.wrk}`);
  console.log(
    formatTable(
      ['figure', 'value', 'target', 'result'],
      [
        row(
          'cold build',
          build ? `${build.cold.seconds.toFixed(1)} s` : reused,
          'cold build s',
          none,
        ),
        row(
          'cold build peak memory',
          build ? `${build.cold.peakMb.toFixed(0)} MB` : reused,
          'cold build peak MB',
          none,
        ),
        ['incremental build', build ? `${build.incremental.seconds.toFixed(1)} s` : reused, '', ''],
        [
          'incremental build peak memory',
          build ? `${build.incremental.peakMb.toFixed(0)} MB` : reused,
          '',
          '',
        ],
        ['pages prerendered (HTML files)', String(result.prerenderedHtml), '', ''],
        ['URLs served (sitemap <loc>)', String(result.urlsServed), '', ''],
        row(
          'article JS over empty app',
          `${kb(result.articleJsOverEmptyAppBytes)} KB gz (empty app ${kb(result.emptyAppJsGzipBytes)})`,
          'article JS over empty app KB gz',
        ),
        row(
          'largest listing page',
          `${kb(largest.bytes)} KB ${largest.path}`,
          'largest listing KB',
        ),
        row(
          're-index after one edit: POST /api/revalidate naming it',
          `${(result.revalidate.ms / 1000).toFixed(2)} s`,
          're-index after one edit s',
        ),
        [
          '  the same, not naming it (every file compared)',
          `${(result.revalidate.unnamedMs / 1000).toFixed(2)} s`,
          '',
          '',
        ],
        [
          '  `npm run content:index` after it (every file compared)',
          build ? `${build.incremental.reindexSeconds.toFixed(1)} s` : reused,
          '',
          '',
        ],
        row(
          'first article page after the start',
          `${result.start.firstArticleMs.toFixed(0)} ms`,
          'first article ms',
        ),
        row(
          `search in the server, ${result.search.count} queries`,
          `p50 ${result.search.p50Ms.toFixed(1)}, p95 ${result.search.p95Ms.toFixed(1)}, max ${result.search.maxMs.toFixed(1)} ms`,
          'search p95 ms',
        ),
        [
          'the same searches over HTTP',
          `p50 ${result.search.httpP50Ms.toFixed(1)}, p95 ${result.search.httpP95Ms.toFixed(1)} ms`,
          '',
          '',
        ],
        row(
          `server memory, ${result.memory.pages} articles + ${result.memory.searches} searches`,
          `${result.memory.rssMbBefore.toFixed(0)} MB → ${result.memory.rssMbAfter.toFixed(0)} MB`,
          'server RSS MB after use',
          none,
        ),
        [
          '  by process (Next, then the front servers)',
          `${result.memory.after.rssMb.map((mb) => mb.toFixed(0)).join(' + ')} MB; PSS ${result.memory.after.pssMb.toFixed(0)} MB`,
          '',
          '',
        ],
        row(
          `cache miss, ${misses.count} articles`,
          `median ${misses.medianMs.toFixed(1)}, p95 ${misses.p95Ms.toFixed(1)}, max ${misses.maxMs.toFixed(1)} ms`,
          'miss p95 ms',
          none,
        ),
        row(
          `sitemap sweep (${sweep.urls} URLs, ${sweep.seconds.toFixed(0)} s)`,
          `cache peak ${kb(sweep.peakBytes)} of ${kb(sweep.maxBytes)} KB, ${sweep.entriesAtEnd} entries, ${sweep.failed.length} failed`,
          'cache peak / bound',
        ),
        [
          'server memory around the sweep',
          `${sweep.rssMbBefore.toFixed(0)} MB → ${sweep.rssMbAfter.toFixed(0)} MB`,
          '',
          '',
        ],
      ],
    ),
  );
  console.log();
  const rows: string[][] = [];
  for (const name of PAGE_NAMES) {
    for (const encoding of Object.keys(ENCODINGS) as LoadEncoding[]) {
      const { portal, nginx, bytes } = result.throughput[name][encoding];
      rows.push([
        name,
        encoding === 'identity' ? 'none' : 'gzip, br',
        kb(bytes),
        nginx.rps.toFixed(0),
        `${nginx.p50Ms.toFixed(2)} / ${nginx.p99Ms.toFixed(2)}`,
        judged(
          list,
          `${name} ${encoding} share of nginx`,
          `${portal.rps.toFixed(0)} (${((portal.rps / nginx.rps) * 100).toFixed(0)}%)`,
        ),
        `${portal.p50Ms.toFixed(2)} / ${judged(list, `${name} ${encoding} p99 ms`, portal.p99Ms.toFixed(2))}`,
        `${failedRequests(portal)} / ${failedRequests(nginx)}`,
      ]);
    }
  }
  console.log(
    formatTable(
      [
        'page',
        'Accept-Encoding',
        'KB sent',
        'nginx rps',
        'nginx p50/p99 ms',
        'portal rps (of nginx)',
        'portal p50/p99 ms',
        'errors (portal / nginx)',
      ],
      rows,
    ),
  );
  const ceiling = result.emptyAppUnderNextStart;
  console.log(
    `\nfor comparison, an empty prerendered App Router page under next start: ${ceiling.rps.toFixed(0)} rps, p50 ${ceiling.p50Ms.toFixed(1)} ms, p99 ${ceiling.p99Ms.toFixed(1)} ms`,
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
  const missed = list.filter((c) => !c.pass);
  console.log(
    `\ntargets: ${list.length - missed.length} met, ${missed.length} missed${missed.length ? `: ${missed.map((c) => c.figure).join(', ')}` : ''}`,
  );
}

export async function writeResults(result: CorpusResult, list: Check[]): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `bench-${result.articles}.json`);
  await writeFile(file, `${JSON.stringify({ ...result, targets: list }, null, 2)}\n`);
  return path.relative(ROOT, file);
}
