/**
 * Next's incremental cache (rendered pages, route handlers' bodies, fetches) shared by every
 * server of the site through Redis, when `REDIS_URL` is set (next.config.js; bundled into
 * dist/redis-cache-handler.mjs by `npm run build:server`, loaded by Next in `npm start`).
 *
 * - A page rendered by one server is stored in Redis and served by the others without rendering.
 * - revalidatePath/revalidateTag on one server expire the entries for all: a tag's expiry time
 *   is kept in a Redis hash, and an entry older than the expiry of one of its tags is a miss.
 * - Every entry is also written to Next's own file-system cache, which holds the pages the build
 *   prerendered. It answers what Redis lacks (those prerendered pages), and everything while
 *   Redis is unreachable: readers never wait on a dead Redis for longer than REDIS_TIMEOUT_MS,
 *   the loss is logged once, and Redis is used again as soon as it answers. Expiries that could
 *   not be written meanwhile are written then.
 * - Keys are namespaced by build id: servers of another build never read these entries.
 *
 * Why not a published handler: @neshca/cache-handler stops at Next 14 (peer `next < 15`), and
 * @fortedigital/nextjs-cache-handler (peer `next >= 16.1.5`) would add three dependencies and a
 * lockfile change, and falls back to an in-memory LRU rather than Next's own file-system cache,
 * so a server would lose the build's prerendered pages whenever Redis is down. What Next asks of
 * a handler is small (get, set, revalidateTag), and this file does exactly that on the `redis`
 * client the project already has.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';

import type {
  CacheHandler,
  CacheHandlerContext,
  CacheHandlerValue,
} from 'next/dist/server/lib/incremental-cache';

import { redisUrlSetting } from '../config';
import { RedisLink } from './redis-link';

type FileSystemCacheClass =
  typeof import('next/dist/server/lib/incremental-cache/file-system-cache').default;
type TagsManifest = typeof import('next/dist/server/lib/incremental-cache/tags-manifest.external');

// Next's own modules, the instances Next itself uses (the tag manifest is shared state).
const require = createRequire(import.meta.url);
const FileSystemCache = (
  require('next/dist/server/lib/incremental-cache/file-system-cache.js') as {
    default: FileSystemCacheClass;
  }
).default;
const { tagsManifest } =
  require('next/dist/server/lib/incremental-cache/tags-manifest.external.js') as TagsManifest;

/** The response header Next lists a rendered page's cache tags in. */
const TAGS_HEADER = 'x-next-cache-tags';
/** Entries outlive their revalidation time (stale ones are served while rendered again) by this. */
const DEFAULT_TTL_SECONDS = 7 * 24 * 3600;

type GetArgs = Parameters<CacheHandler['get']>;
type SetArgs = Parameters<CacheHandler['set']>;

/** Sets a tag's expiry to the later of the stored one and the given one. */
const EXPIRE_TAG = `
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if current < tonumber(ARGV[2]) then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 0`;

/** Renders in progress at once in one process, at most (beyond it, stamps start over). */
const MAX_PENDING_RENDERS = 10_000;

/** The shared part of every handler instance in this process (Next makes one per request). */
class SharedCache {
  readonly link: RedisLink;
  /**
   * When each key was last looked up: Next renders after a lookup that found nothing or
   * something stale, and the entry it then stores is as old as the data it was rendered from.
   * Stamped with the lookup's time, an entry rendered while a revalidation ran (say on another
   * server that had not indexed a change yet) is older than that revalidation, so it expires.
   */
  readonly lookedUp = new Map<string, number>();
  /** Tag expiries Redis has not heard of yet (it was unreachable), by tag. */
  private readonly unsent = new Map<string, number>();

  constructor(
    url: string,
    readonly prefix: string,
  ) {
    this.link = new RedisLink({
      url,
      name: 'cache handler',
      onReconnect: () => void this.sendExpiries(),
    });
  }

  entryKey(key: string): string {
    return `${this.prefix}:entry:${key}`;
  }

  get tagsKey(): string {
    return `${this.prefix}:tags`;
  }

  async expire(tags: string[], at: number): Promise<void> {
    for (const tag of tags) this.unsent.set(tag, Math.max(at, this.unsent.get(tag) ?? 0));
    await this.sendExpiries();
  }

  private async sendExpiries(): Promise<void> {
    if (this.unsent.size === 0) return;
    const batch = [...this.unsent];
    const sent = await this.link.attempt(() =>
      Promise.all(
        batch.map(([tag, at]) =>
          this.link.client.eval(EXPIRE_TAG, { keys: [this.tagsKey], arguments: [tag, String(at)] }),
        ),
      ),
    );
    if (!sent) return;
    for (const [tag, at] of batch) if (this.unsent.get(tag) === at) this.unsent.delete(tag);
  }

  /**
   * Whether one of these tags expired after `lastModified`, by Redis's record (undefined when
   * Redis cannot say). What Redis knows is copied into Next's own manifest, so that the
   * file-system cache honours it too while Redis is away.
   */
  async expiredSince(tags: string[], lastModified: number): Promise<boolean | undefined> {
    if (tags.length === 0) return false;
    const times = await this.link.attempt(() => this.link.client.hmGet(this.tagsKey, tags));
    if (!times) return undefined;
    let expired = false;
    tags.forEach((tag, index) => {
      const at = Number(times[index] ?? 0);
      if (!at) return;
      const known = tagsManifest.get(tag);
      if ((known?.expired ?? 0) < at) tagsManifest.set(tag, { ...known, expired: at });
      if (at > lastModified) expired = true;
    });
    return expired;
  }
}

const shared = new Map<string, SharedCache>();

function sharedCache(url: string, buildId: string): SharedCache {
  const prefix = `portal:${buildId}`;
  const id = `${url}\n${prefix}`;
  let found = shared.get(id);
  if (!found) {
    found = new SharedCache(url, prefix);
    shared.set(id, found);
  }
  return found;
}

function readBuildId(serverDistDir: string | undefined): string {
  if (!serverDistDir) return 'development';
  try {
    return readFileSync(path.join(serverDistDir, '..', 'BUILD_ID'), 'utf8').trim();
  } catch {
    return 'development';
  }
}

/** The tags an entry was made with: a page's from its headers, a fetch's from the request. */
function tagsOf(entry: CacheHandlerValue, ctx: GetArgs[1]): string[] {
  const value = entry.value;
  if (value && 'headers' in value && value.headers) {
    const header = value.headers[TAGS_HEADER];
    return typeof header === 'string' ? header.split(',').filter(Boolean) : [];
  }
  if ('tags' in ctx || 'softTags' in ctx) {
    const { tags, softTags } = ctx as { tags?: string[]; softTags?: string[] };
    return [...(tags ?? []), ...(softTags ?? [])];
  }
  return [];
}

export default class RedisCacheHandler implements CacheHandler {
  private readonly local: InstanceType<FileSystemCacheClass>;
  private readonly shared: SharedCache;

  constructor(ctx: CacheHandlerContext) {
    const url = redisUrlSetting();
    if (!url) throw new Error('REDIS_URL: the Redis cache handler needs it set');
    if (!ctx.fs || !ctx.serverDistDir) {
      throw new Error('The Redis cache handler needs Next to pass fs and serverDistDir');
    }
    this.local = new FileSystemCache({ ...ctx, fs: ctx.fs, serverDistDir: ctx.serverDistDir });
    this.shared = sharedCache(url, readBuildId(ctx.serverDistDir));
  }

  async get(...[key, ctx]: GetArgs): Promise<CacheHandlerValue | null> {
    const { link, lookedUp } = this.shared;
    if (lookedUp.size >= MAX_PENDING_RENDERS) lookedUp.clear();
    lookedUp.set(key, Date.now());
    const stored = await link.attempt(() => link.binary.get(this.shared.entryKey(key)));
    const entry = stored
      ? (deserialize(stored) as CacheHandlerValue)
      : await this.local.get(key, ctx);
    if (!entry) return null;
    const expired = await this.shared.expiredSince(tagsOf(entry, ctx), entry.lastModified);
    return expired ? null : entry;
  }

  async set(...[key, data, ctx]: SetArgs): Promise<void> {
    const cacheControl = 'cacheControl' in ctx ? ctx.cacheControl : undefined;
    const lastModified = this.shared.lookedUp.get(key) ?? Date.now();
    this.shared.lookedUp.delete(key);
    const entry: CacheHandlerValue = { lastModified, value: data, cacheControl };
    const expire = cacheControl?.expire;
    const seconds =
      typeof expire === 'number' && Number.isFinite(expire) && expire > 0
        ? Math.ceil(expire)
        : DEFAULT_TTL_SECONDS;
    const { link } = this.shared;
    await Promise.all([
      this.local.set(key, data, ctx),
      link.attempt(() =>
        link.client.set(this.shared.entryKey(key), serialize(entry), { EX: seconds }),
      ),
    ]);
  }

  async revalidateTag(...[tags, durations]: Parameters<CacheHandler['revalidateTag']>) {
    const list = typeof tags === 'string' ? [tags] : tags;
    if (list.length === 0) return;
    // Next's own manifest first: this server honours it even while Redis is away.
    await this.local.revalidateTag(list, durations);
    const now = Date.now();
    // An expiry with a duration (revalidateTag with a cache profile) takes effect for the other
    // servers when it runs out; the default (revalidatePath, updateTag) is at once.
    const at = durations?.expire !== undefined ? now + durations.expire * 1000 : now;
    await this.shared.expire(list, at);
  }

  resetRequestCache(): void {}
}

/** For tests: closes this process's Redis connections. */
export async function closeSharedCaches(): Promise<void> {
  await Promise.all([...shared.values()].map((cache) => cache.link.close()));
  shared.clear();
}
