/**
 * The server as a reader meets it: how soon after it answers the first article page comes,
 * how long searches take in it, and how much memory it holds after serving many different
 * pages and searches (which must not depend on the size of the archive).
 */
import { writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { EMPTY_QUERY, searchPath } from '../../lib/search/query';
import { treeMemory, treeRssMb } from '../lib/proc';

import { get, getOk } from './http';
import { log, undoOnInterrupt } from './processes';
import { QUERIES } from './search-queries';

export interface StartFigures {
  /** The first article page after the server first answered, in ms. */
  firstArticleMs: number;
  path: string;
}

export interface SearchFigures {
  count: number;
  /** As the server timed the search itself (its Server-Timing header). */
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  slowest: string;
  /** As a client on the same machine waited for the whole answer. */
  httpP50Ms: number;
  httpP95Ms: number;
}

export interface RevalidateFigures {
  /**
   * POST /api/revalidate after one article changed, naming it as the pipeline does, the server
   * warm: the index and the purge.
   */
  ms: number;
  /**
   * The same without naming it: the server compares every file with its last state. Taken
   * after the memory figures: at 100,000 articles that comparison grows the heap for good.
   */
  unnamedMs: number;
  changedFiles: string[];
}

export interface MemoryFigures {
  pages: number;
  searches: number;
  /** Resident memory of the server's whole process tree, in MB, before and after. */
  rssMbBefore: number;
  rssMbAfter: number;
  /** After: each process's resident memory (the primary first) and the tree's PSS, in MB. */
  after: { rssMb: number[]; pssMb: number };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)]!;

export async function firstArticle(origin: string, path: string): Promise<StartFigures> {
  const response = await getOk(`${origin}${path}`, 'br');
  return { firstArticleMs: response.ms, path };
}

/** Every query of the mix `rounds` times over HTTP (/api/search), after one round to warm up. */
export async function searchLatency(origin: string, rounds: number): Promise<SearchFigures> {
  const url = (query: (typeof QUERIES)[number][1]) =>
    `${origin}/api${searchPath({ ...EMPTY_QUERY, ...query })}`;
  for (const [, query] of QUERIES) await getOk(url(query), 'br');
  const times: { ms: number; http: number; query: string }[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const [, query] of QUERIES) {
      const response = await getOk(url(query), 'br');
      const timing = /search;dur=([\d.]+)/.exec(
        String(response.headers['server-timing'] ?? ''),
      )?.[1];
      if (timing === undefined)
        throw new Error(`${url(query)} answered without a Server-Timing search duration`);
      times.push({ ms: Number(timing), http: response.ms, query: JSON.stringify(query) });
    }
  }
  const sorted = times.map((time) => time.ms).sort((a, b) => a - b);
  const http = times.map((time) => time.http).sort((a, b) => a - b);
  const slowest = times.reduce((max, time) => (time.ms > max.ms ? time : max));
  return {
    count: times.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted.at(-1)!,
    slowest: slowest.query,
    httpP50Ms: percentile(http, 50),
    httpP95Ms: percentile(http, 95),
  };
}

/**
 * Appends a sentence to one article and asks the running server to revalidate, naming the file
 * as the content pipeline does after writing it (`named`), or not. Puts the file back, and
 * revalidates again the same way.
 */
export async function revalidateAfterEdit(
  origin: string,
  contentDir: string,
  file: string,
  secret: string,
  named: boolean,
): Promise<{ ms: number; changedFiles: string[] }> {
  const original = await readFile(file, 'utf8');
  const restore = () => writeFileSync(file, original);
  const files = named ? [path.relative(contentDir, file).split(path.sep).join('/')] : null;
  const post = async () => {
    const started = performance.now();
    const response = await fetch(`${origin}/api/revalidate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: files ? JSON.stringify({ files }) : undefined,
    });
    if (!response.ok) throw new Error(`POST /api/revalidate answered ${response.status}`);
    const body = (await response.json()) as { changedFiles: string[] };
    return { ms: performance.now() - started, changedFiles: body.changedFiles };
  };
  undoOnInterrupt.add(restore);
  try {
    await writeFile(
      file,
      `${original.trimEnd()}\n\nA sentence the benchmark adds and takes back.\n`,
    );
    return await post();
  } finally {
    restore();
    undoOnInterrupt.delete(restore);
    await post();
  }
}

/** Asks for `pages` different article pages and `searches` searches, then reads the memory. */
export async function memoryUnderUse(
  origin: string,
  articlePaths: string[],
  serverPid: number,
  pages = 1_000,
  searches = 200,
): Promise<MemoryFigures> {
  const rssMbBefore = treeRssMb(serverPid);
  const chosen = articlePaths.slice(0, pages);
  log('memory', `${chosen.length} article pages and ${searches} searches`);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let index = next++; index < chosen.length; index = next++)
        await get(`${origin}${chosen[index]}`, 'br');
    }),
  );
  for (let i = 0; i < searches; i++) {
    const [, query] = QUERIES[i % QUERIES.length]!;
    await get(
      `${origin}/api${searchPath({ ...EMPTY_QUERY, ...query, page: 1 + Math.floor(i / QUERIES.length) })}`,
      'br',
    );
  }
  const after = treeMemory(serverPid);
  const rssMbAfter = after.rssMb.reduce((sum, mb) => sum + mb, 0);
  return { pages: chosen.length, searches, rssMbBefore, rssMbAfter, after };
}
