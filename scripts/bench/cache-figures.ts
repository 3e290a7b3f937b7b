/**
 * The response cache measured from outside: how long a page takes the first time it is asked
 * for (a miss: Next renders it), and whether the cache stays within its bound while every URL
 * in the sitemap is asked for once.
 */
import { treeRssMb } from '../lib/proc';

import { get, getOk } from './http';
import { log } from './processes';

export const STATS_SECRET = 'bench-secret';

export interface MissFigures {
  count: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

interface CacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
}

export interface SweepFigures {
  urls: number;
  failed: string[];
  seconds: number;
  peakBytes: number;
  maxBytes: number;
  entriesAtEnd: number;
  rssMbBefore: number;
  rssMbAfter: number;
  withinBound: boolean;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

/** First requests for `count` articles spread over the sitemap, one at a time. */
export async function missTimes(
  origin: string,
  articlePaths: string[],
  count = 20,
): Promise<MissFigures> {
  const step = Math.max(1, Math.floor(articlePaths.length / count));
  const chosen = articlePaths.filter((_, index) => index % step === 0).slice(0, count);
  const times: number[] = [];
  for (const path of chosen) {
    const response = await getOk(`${origin}${path}`, 'br');
    if (response.headers['x-cache'] !== 'MISS')
      throw new Error(`${path} was not a miss (${response.headers['x-cache']})`);
    times.push(response.ms);
  }
  const sorted = times.toSorted((a, b) => a - b);
  return {
    count: times.length,
    medianMs: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted.at(-1)!,
  };
}

async function stats(origin: string): Promise<CacheStats> {
  const response = await fetch(`${origin}/api/cache`, {
    headers: { authorization: `Bearer ${STATS_SECRET}` },
  });
  if (!response.ok) throw new Error(`GET /api/cache answered ${response.status}`);
  return (await response.json()) as CacheStats;
}

/** Every sitemap URL once, `concurrency` at a time, the cache's size read every 250 URLs. */
export async function sweepSitemap(
  origin: string,
  paths: string[],
  serverPid: number,
  concurrency = 8,
): Promise<SweepFigures> {
  const started = performance.now();
  const rssMbBefore = treeRssMb(serverPid);
  const failed: string[] = [];
  let peakBytes = 0;
  let maxBytes = 0;
  let next = 0;
  let done = 0;
  const sample = async () => {
    const current = await stats(origin);
    peakBytes = Math.max(peakBytes, current.bytes);
    maxBytes = current.maxBytes;
  };
  const worker = async () => {
    for (let index = next++; index < paths.length; index = next++) {
      const response = await get(`${origin}${paths[index]}`, 'br').catch(() => null);
      if (response?.status !== 200) failed.push(paths[index]!);
      if (++done % 250 === 0) {
        await sample();
        if (done % 2500 === 0) log('sweep', `${done} of ${paths.length} URLs`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await sample();
  const end = await stats(origin);
  return {
    urls: paths.length,
    failed,
    seconds: (performance.now() - started) / 1000,
    peakBytes,
    maxBytes,
    entriesAtEnd: end.entries,
    rssMbBefore,
    rssMbAfter: treeRssMb(serverPid),
    withinBound: peakBytes <= maxBytes,
  };
}
