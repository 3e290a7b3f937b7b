/**
 * The front server runs as several worker processes (one per core, server.ts), each with its
 * own response cache, and the primary process runs Next. A purge must reach every worker's
 * cache before the request that caused it is answered, so that a reader never gets a page the
 * pipeline has just replaced. Workers and the primary talk over Node's cluster IPC channel.
 */
import type { Worker } from 'node:cluster';

import type { CacheStats, PurgePattern, ResponseCache } from './response-cache';

export interface CacheCoordinator {
  /**
   * Drops these paths from every worker's cache; resolves once every worker has. A content
   * change also goes to the site's other servers (server.ts, change-feed.ts); an operator's
   * purge (`DELETE /api/cache`) stays on this server.
   */
  purge(patterns: PurgePattern[], source?: PurgeSource): Promise<void>;
  /** The caches' figures, summed over the workers. */
  stats(): Promise<ClusterStats>;
  /** Tells the publication timer when the next scheduled article goes public. */
  nextPublication(at: number | null): void;
}

export type PurgeSource = 'content' | 'operator';

export interface ClusterStats extends CacheStats {
  workers: number;
  /** The primary process's (Next's) resident memory and V8 heap, in bytes; 0 in one process. */
  primaryRssBytes: number;
  primaryHeapBytes: number;
}

/** One process holding the only cache, e.g. in tests. */
export class LocalCoordinator implements CacheCoordinator {
  constructor(
    private readonly cache: ResponseCache,
    private readonly onNextPublication: (at: number | null) => void = () => undefined,
  ) {}

  async purge(patterns: PurgePattern[]): Promise<void> {
    this.cache.purge(patterns);
  }

  async stats(): Promise<ClusterStats> {
    return { ...this.cache.stats(), workers: 1, primaryRssBytes: 0, primaryHeapBytes: 0 };
  }

  nextPublication(at: number | null): void {
    this.onNextPublication(at);
  }
}

type FromWorker =
  | { type: 'purge'; id: number; patterns: PurgePattern[]; source?: PurgeSource }
  | { type: 'stats'; id: number }
  | { type: 'next-publication'; at: number | null }
  | { type: 'purged'; id: number }
  | { type: 'stats-of'; id: number; stats: CacheStats };

type FromPrimary =
  | { type: 'purge'; id: number; patterns: PurgePattern[] }
  | { type: 'stats'; id: number }
  | { type: 'done'; id: number; stats?: ClusterStats };

/** A worker that does not answer (it is exiting) does not hold the others up for longer. */
const ANSWER_TIMEOUT_MS = 2_000;

/** Waits for answers by request id; gives up on one after ANSWER_TIMEOUT_MS. */
class Pending<T> {
  private next = 0;
  private readonly waiting = new Map<number, (value: T | undefined) => void>();

  open(): { id: number; answer: Promise<T | undefined> } {
    const id = ++this.next;
    const answer = new Promise<T | undefined>((resolve) => {
      const timer = setTimeout(() => this.settle(id, undefined), ANSWER_TIMEOUT_MS);
      timer.unref();
      this.waiting.set(id, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
    return { id, answer };
  }

  settle(id: number, value: T | undefined): void {
    this.waiting.get(id)?.(value);
    this.waiting.delete(id);
  }
}

/** In a worker: its cache, and the way to the others through the primary. */
export class WorkerLink implements CacheCoordinator {
  private readonly pending = new Pending<ClusterStats | null>();

  constructor(private readonly cache: ResponseCache) {
    process.on('message', (message: FromPrimary) => {
      if (message.type === 'purge') {
        this.cache.purge(message.patterns);
        this.send({ type: 'purged', id: message.id });
      } else if (message.type === 'stats') {
        this.send({ type: 'stats-of', id: message.id, stats: this.cache.stats() });
      } else if (message.type === 'done') {
        this.pending.settle(message.id, message.stats ?? null);
      }
    });
  }

  private send(message: FromWorker): void {
    process.send?.(message);
  }

  async purge(patterns: PurgePattern[], source: PurgeSource = 'content'): Promise<void> {
    // This worker's own copy goes at once: it is the one about to answer.
    this.cache.purge(patterns);
    const { id, answer } = this.pending.open();
    this.send({ type: 'purge', id, patterns, source });
    await answer;
  }

  async stats(): Promise<ClusterStats> {
    const { id, answer } = this.pending.open();
    this.send({ type: 'stats', id });
    return (
      (await answer) ?? {
        ...this.cache.stats(),
        workers: 1,
        primaryRssBytes: 0,
        primaryHeapBytes: 0,
      }
    );
  }

  nextPublication(at: number | null): void {
    this.send({ type: 'next-publication', at });
  }
}

/** In the primary: relays purges to every worker and sums their figures. */
export class PrimaryHub {
  private readonly workers = new Set<Worker>();
  private readonly purged = new Pending<true>();
  private readonly figures = new Pending<CacheStats>();

  /** `onContentPurge` hears of every content change a worker purged for (to tell other servers). */
  constructor(
    private readonly onNextPublication: (at: number | null) => void,
    private readonly onContentPurge: (patterns: PurgePattern[]) => void = () => undefined,
  ) {}

  add(worker: Worker): void {
    this.workers.add(worker);
    worker.on('exit', () => this.workers.delete(worker));
    worker.on('message', (message: FromWorker) => void this.receive(worker, message));
  }

  private async receive(worker: Worker, message: FromWorker): Promise<void> {
    switch (message.type) {
      case 'purge':
        if (message.source !== 'operator') this.onContentPurge(message.patterns);
        await this.purge(message.patterns, worker);
        return send(worker, { type: 'done', id: message.id });
      case 'stats':
        return send(worker, { type: 'done', id: message.id, stats: await this.stats() });
      case 'next-publication':
        return this.onNextPublication(message.at);
      case 'purged':
        return this.purged.settle(message.id, true);
      case 'stats-of':
        return this.figures.settle(message.id, message.stats);
    }
  }

  /** Purges every worker's cache (but `except`, which already has) and waits until they have. */
  async purge(patterns: PurgePattern[], except?: Worker): Promise<void> {
    const answers = [...this.workers]
      .filter((worker) => worker !== except)
      .map((worker) => {
        const { id, answer } = this.purged.open();
        send(worker, { type: 'purge', id, patterns });
        return answer;
      });
    await Promise.all(answers);
  }

  async stats(): Promise<ClusterStats> {
    const all = await Promise.all(
      [...this.workers].map((worker) => {
        const { id, answer } = this.figures.open();
        send(worker, { type: 'stats', id });
        return answer;
      }),
    );
    const own = process.memoryUsage();
    const sum: ClusterStats = {
      workers: 0,
      primaryRssBytes: own.rss,
      primaryHeapBytes: own.heapUsed,
      entries: 0,
      rssBytes: 0,
      heapBytes: 0,
      bytes: 0,
      maxBytes: 0,
      hits: 0,
      staleHits: 0,
      misses: 0,
      purged: 0,
    };
    for (const stats of all) {
      if (!stats) continue;
      sum.workers++;
      for (const key of Object.keys(stats) as (keyof CacheStats)[]) sum[key] += stats[key];
    }
    return sum;
  }
}

function send(worker: Worker, message: FromPrimary): void {
  if (worker.isConnected()) worker.send(message);
}
