import { describe, expect, it } from 'vitest';

import { pathMatcher, ResponseCache, type CachedResponse } from '@/lib/server/response-cache';

function entry(path: string, bytes = 1000, freshFor = 60_000, usableFor = 120_000): CachedResponse {
  return {
    status: 200,
    headers: { identity: [] },
    bodies: { identity: Buffer.alloc(bytes) },
    etag: path,
    keep: { freshUntil: freshFor, usableUntil: usableFor },
    receivedAt: 0,
    size: bytes,
    foreignScripts: [],
    path,
  };
}

describe('ResponseCache', () => {
  it('serves an entry fresh, then stale while it may be refreshed, then not at all', () => {
    const cache = new ResponseCache(1_000_000);
    cache.store('/a', entry('/a'), cache.currentGeneration());
    expect(cache.lookup('/a', 59_999)?.fresh).toBe(true);
    expect(cache.lookup('/a', 60_000)?.fresh).toBe(false);
    expect(cache.lookup('/a', 120_000)).toBeUndefined();
    // Kept for the day Next cannot answer.
    expect(cache.peek('/a')).toBeDefined();
    expect(cache.stats()).toMatchObject({ hits: 1, staleHits: 1, misses: 1 });
  });

  it('purges exact paths, route patterns and everything', () => {
    const cache = new ResponseCache(1_000_000);
    for (const path of [
      '/',
      '/news',
      '/news/a',
      '/news/page/2',
      '/news/page/3',
      '/topic/t/page/2',
      '/topic/t',
    ]) {
      cache.store(path, entry(path), cache.currentGeneration());
      cache.store(`${path}\nrsc:1`, entry(path), cache.currentGeneration());
    }
    expect(cache.purge(['/news/a', '/news/page/[page]'])).toBe(6);
    expect(cache.lookup('/news/a', 0)).toBeUndefined();
    expect(cache.lookup('/news/a\nrsc:1', 0)).toBeUndefined();
    expect(cache.lookup('/news', 0)).toBeDefined();
    expect(cache.purge(['/topic/[slug]/page/[page]'])).toBe(2);
    expect(cache.lookup('/topic/t', 0)).toBeDefined();
    expect(cache.purge(['*'])).toBe(6);
    expect(cache.stats().entries).toBe(0);
  });

  it('does not keep a response that was asked for before a purge', () => {
    const cache = new ResponseCache(1_000_000);
    const generation = cache.currentGeneration();
    cache.purge(['/news/a']);
    expect(cache.store('/news/a', entry('/news/a'), generation)).toBe(false);
    expect(cache.lookup('/news/a', 0)).toBeUndefined();
  });

  it('stays within its byte bound, dropping the least recently used', () => {
    const cache = new ResponseCache(100_000);
    for (let i = 0; i < 1000; i++)
      cache.store(`/news/${i}`, entry(`/news/${i}`, 3000), cache.currentGeneration());
    const { bytes, entries } = cache.stats();
    expect(bytes).toBeLessThanOrEqual(100_000);
    expect(entries).toBe(33);
    expect(cache.peek('/news/999')).toBeDefined();
    expect(cache.peek('/news/0')).toBeUndefined();
    // One response larger than a quarter of the cache is never kept.
    expect(cache.store('/big', entry('/big', 30_000), cache.currentGeneration())).toBe(false);
  });
});

describe('pathMatcher', () => {
  it('matches exact paths with or without a trailing slash, and bracketed segments as any one', () => {
    expect(pathMatcher('/')('/')).toBe(true);
    expect(pathMatcher('/')('/news')).toBe(false);
    expect(pathMatcher('/news')('/news/')).toBe(true);
    expect(pathMatcher('/news')('/news/a')).toBe(false);
    expect(pathMatcher('/news/page/[page]')('/news/page/12')).toBe(true);
    expect(pathMatcher('/news/page/[page]')('/news/page')).toBe(false);
    expect(pathMatcher('/news/page/[page]')('/news/page/2/x')).toBe(false);
  });
});
