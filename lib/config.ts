/**
 * The portal's settings from the environment, read when asked for (never at module load, so a
 * test or a script can set a variable and call again). A bad value is an Error naming the
 * variable and what it expects. The README's Environment table lists them.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';

function text(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value === '' ? undefined : value;
}

/** A whole number of at least `min`, or `fallback` when the variable is unset or empty. */
export function wholeNumberSetting(name: string, fallback: number, min: number): number {
  const raw = text(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name}: expected a whole number of at least ${min}, got "${raw}"`);
  }
  return value;
}

/** The content folder: `CONTENT_DIR`, or `content/` in the project. */
export function contentDirSetting(): string {
  // A runtime location, not a source path: keep the bundler from tracing the whole project.
  return path.resolve(
    /*turbopackIgnore: true*/ text('CONTENT_DIR') ?? path.join(process.cwd(), 'content'),
  );
}

/** Next's build folder (`NEXT_DIST_DIR`, default `.next`), as next.config.js reads it. */
export function distDirSetting(): string {
  return text('NEXT_DIST_DIR') ?? '.next';
}

/** `CONTENT_DB`, or `cache/content.db` in the build folder (kept across builds, like Next's cache). */
export function contentDbSetting(): string {
  const configured = text('CONTENT_DB');
  if (configured) return path.resolve(/*turbopackIgnore: true*/ configured);
  return path.join(
    /*turbopackIgnore: true*/ process.cwd(),
    distDirSetting(),
    'cache',
    'content.db',
  );
}

/** The site's public origin as written (`SITE_URL`); lib/site.ts checks and uses it. */
export function siteUrlSetting(): string | undefined {
  return text('SITE_URL');
}

/** Editors' preview is on only with `PREVIEW_SECRET`. */
export function previewSecret(): string | undefined {
  return text('PREVIEW_SECRET');
}

/** The content pipeline's bearer token for `POST /api/revalidate` and `/api/cache`. */
export function revalidateSecret(): string | undefined {
  return text('REVALIDATE_SECRET');
}

/** Set by server.ts for its own calls to the revalidation endpoint (the publication timer). */
export function internalToken(): string | undefined {
  return text('PORTAL_INTERNAL_TOKEN');
}

/** How long one body may take to compile before it is stopped and reported. */
export function compileTimeLimitMs(): number {
  return wholeNumberSetting('CONTENT_COMPILE_TIME_LIMIT_MS', 5_000, 1);
}

/** Compile threads: one per core, at most four, unless `CONTENT_COMPILE_THREADS` says. */
export function compileThreads(): number {
  return wholeNumberSetting('CONTENT_COMPILE_THREADS', Math.min(4, availableParallelism()), 1);
}

/** Where the content database is: SQLite's file (the default), or PostgreSQL at `DATABASE_URL`. */
export type ContentDatabaseSetting =
  { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string; schema: string };

export function contentDatabaseSetting(): ContentDatabaseSetting {
  const url = text('DATABASE_URL');
  if (url === undefined) return { engine: 'sqlite', file: contentDbSetting() };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(
      'DATABASE_URL: expected a PostgreSQL URL such as postgres://user:password@host:5432/dbname, got something that is not a URL',
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(
      `DATABASE_URL: expected a postgres:// or postgresql:// URL, got a ${parsed.protocol}// one (unset it to use SQLite)`,
    );
  }
  if (!parsed.hostname && !parsed.searchParams.get('host')) {
    throw new Error('DATABASE_URL: the URL names no host');
  }
  return { engine: 'postgres', url, schema: contentSchemaSetting() };
}

/** The PostgreSQL schema the content tables live in: `CONTENT_DB_SCHEMA`, default `portal_content`. */
export function contentSchemaSetting(): string {
  const schema = text('CONTENT_DB_SCHEMA') ?? 'portal_content';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(
      `CONTENT_DB_SCHEMA: expected a schema name of lower-case letters, digits and _, got "${schema}"`,
    );
  }
  return schema;
}

/**
 * `REDIS_URL` (`redis://host:port`): the Redis the servers of one site share, for Next's cache
 * (lib/cache/redis-cache-handler.ts) and the change feed (lib/server/change-feed.ts). Unset:
 * one server, with its cache on its own disk.
 */
export function redisUrlSetting(): string | undefined {
  const value = text('REDIS_URL');
  if (value !== undefined && !/^rediss?:\/\/[^/\s]+/.test(value)) {
    throw new Error(`REDIS_URL: expected redis://host:port (or rediss://), got "${value}"`);
  }
  return value;
}

/**
 * `DATABASE_URL`: a content database every server shares (PostgreSQL). When it is set, a
 * change indexed by one server is in every server's database already, so the others only purge
 * their caches; unset, each server indexes the shared content folder into its own SQLite file.
 */
export function sharedContentDatabase(): boolean {
  return contentDatabaseSetting().engine === 'postgres';
}

/** This server's name in logs and in the change feed: `PORTAL_SERVER_ID`, or host and process. */
export function serverIdSetting(fallback: string): string {
  return text('PORTAL_SERVER_ID') ?? fallback;
}

/** How long a Redis connection or command may take before the server goes on without it. */
export function redisTimeoutMs(): number {
  return wholeNumberSetting('REDIS_TIMEOUT_MS', 500, 1);
}
