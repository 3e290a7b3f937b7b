/**
 * Final responses kept in memory, within a byte bound (least recently used go first), keyed by
 * cacheRoute (cache-rules.ts). Purged by path when content changes.
 */
import { LRUCache } from 'lru-cache';

import type { PreparedResponse } from './prepared-response';

export interface CachedResponse extends PreparedResponse {
  keep: NonNullable<PreparedResponse['keep']>;
  /** The request path it answers, for purging. */
  path: string;
}

export interface CacheStats {
  entries: number;
  /** This process's resident memory, and the part of it that is V8's heap, in bytes. */
  rssBytes: number;
  heapBytes: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  staleHits: number;
  misses: number;
  purged: number;
}

/**
 * A path to purge: `*` for everything, an exact path (`/news/x`), or a route pattern whose
 * bracketed segments match any one segment (`/topic/[slug]/page/[page]`).
 */
export type PurgePattern = string;

export class ResponseCache {
  private readonly entries: LRUCache<string, CachedResponse>;
  /** Bumped by every purge: a response fetched across one is not stored (it may predate it). */
  private generation = 0;
  private readonly counts = { hits: 0, staleHits: 0, misses: 0, purged: 0 };

  constructor(readonly maxBytes: number) {
    this.entries = new LRUCache<string, CachedResponse>({
      maxSize: maxBytes,
      // One response may take at most a quarter of the cache.
      maxEntrySize: Math.floor(maxBytes / 4),
      sizeCalculation: (entry) => entry.size,
    });
  }

  /** A usable entry (fresh, or stale but still servable while it is refreshed), or undefined. */
  lookup(key: string, now: number): { entry: CachedResponse; fresh: boolean } | undefined {
    const entry = this.entries.get(key);
    if (!entry || now >= entry.keep.usableUntil) {
      this.counts.misses++;
      return undefined;
    }
    const fresh = now < entry.keep.freshUntil;
    if (fresh) this.counts.hits++;
    else this.counts.staleHits++;
    return { entry, fresh };
  }

  /** Any entry under this key, however old: better than an error when Next cannot answer. */
  peek(key: string): CachedResponse | undefined {
    return this.entries.peek(key);
  }

  /** The generation to pass to `store` for a response about to be fetched. */
  currentGeneration(): number {
    return this.generation;
  }

  /** Keeps the response unless a purge happened since it was asked for. */
  store(key: string, entry: CachedResponse, askedAtGeneration: number): boolean {
    if (askedAtGeneration !== this.generation) return false;
    this.entries.set(key, entry);
    return this.entries.has(key);
  }

  purge(patterns: readonly PurgePattern[]): number {
    this.generation++;
    if (patterns.includes('*')) {
      const count = this.entries.size;
      this.entries.clear();
      this.counts.purged += count;
      return count;
    }
    const matchers = patterns.map(pathMatcher);
    let count = 0;
    for (const [key, entry] of this.entries.entries()) {
      if (matchers.some((matches) => matches(entry.path))) {
        this.entries.delete(key);
        count++;
      }
    }
    this.counts.purged += count;
    return count;
  }

  stats(): CacheStats {
    const memory = process.memoryUsage();
    return {
      entries: this.entries.size,
      rssBytes: memory.rss,
      heapBytes: memory.heapUsed,
      bytes: this.entries.calculatedSize,
      maxBytes: this.maxBytes,
      ...this.counts,
    };
  }
}

export function pathMatcher(pattern: PurgePattern): (path: string) => boolean {
  if (!pattern.includes('[')) {
    const exact = pattern.length > 1 ? pattern.replace(/\/+$/, '') : pattern;
    return (path) => path === exact || path === `${exact}/`;
  }
  const segments = pattern.split('/');
  return (path) => {
    const parts = path.replace(/\/+$/, '').split('/');
    return (
      parts.length === segments.length &&
      segments.every((segment, index) => /^\[[^\]]+\]$/.test(segment) || segment === parts[index])
    );
  };
}
