import path from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  compileTimeLimitMs,
  contentDatabaseSetting,
  contentDbSetting,
  contentDirSetting,
  previewSecret,
  redisTimeoutMs,
  redisUrlSetting,
  sharedContentDatabase,
} from '@/lib/config';
import { authorPath, newsPath, topicFeedPath, topicPath } from '@/lib/routes';

afterEach(() => vi.unstubAllEnvs());

describe('settings from the environment', () => {
  it('names the variable and what it expects when a number is not one', () => {
    vi.stubEnv('CONTENT_COMPILE_TIME_LIMIT_MS', 'abc');
    expect(() => compileTimeLimitMs()).toThrow(
      'CONTENT_COMPILE_TIME_LIMIT_MS: expected a whole number of at least 1, got "abc"',
    );
    vi.stubEnv('CONTENT_COMPILE_TIME_LIMIT_MS', '0');
    expect(() => compileTimeLimitMs()).toThrow(/at least 1, got "0"/);
  });

  it('reads a value when asked, not when the module loaded', () => {
    vi.stubEnv('CONTENT_COMPILE_TIME_LIMIT_MS', '');
    expect(compileTimeLimitMs()).toBe(5_000);
    vi.stubEnv('CONTENT_COMPILE_TIME_LIMIT_MS', ' 250 ');
    expect(compileTimeLimitMs()).toBe(250);
  });

  it('treats a blank secret as unset, so a feature is not turned on by whitespace', () => {
    vi.stubEnv('PREVIEW_SECRET', '   ');
    expect(previewSecret()).toBeUndefined();
  });

  it('puts the content database in the build folder unless CONTENT_DB says', () => {
    vi.stubEnv('CONTENT_DB', '');
    vi.stubEnv('NEXT_DIST_DIR', '.next-other');
    expect(contentDbSetting()).toBe(path.join(process.cwd(), '.next-other', 'cache', 'content.db'));
    vi.stubEnv('CONTENT_DB', 'data/site.db');
    expect(contentDbSetting()).toBe(path.resolve('data/site.db'));
    vi.stubEnv('CONTENT_DIR', '');
    expect(contentDirSetting()).toBe(path.join(process.cwd(), 'content'));
  });

  it('uses PostgreSQL when DATABASE_URL names it, and says what is wrong with any other URL', () => {
    vi.stubEnv('CONTENT_DB', 'data/site.db');
    vi.stubEnv('DATABASE_URL', '');
    expect(contentDatabaseSetting()).toEqual({
      engine: 'sqlite',
      file: path.resolve('data/site.db'),
    });
    vi.stubEnv('CONTENT_DB_SCHEMA', '');
    for (const url of ['postgres://portal@db:5432/site', 'postgresql://db/site']) {
      vi.stubEnv('DATABASE_URL', url);
      expect(contentDatabaseSetting()).toEqual({
        engine: 'postgres',
        url,
        schema: 'portal_content',
      });
    }
    vi.stubEnv('CONTENT_DB_SCHEMA', 'staging_content');
    expect(contentDatabaseSetting()).toMatchObject({ schema: 'staging_content' });
    vi.stubEnv('DATABASE_URL', 'mysql://db/site');
    expect(() => contentDatabaseSetting()).toThrow(
      /^DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ URL/,
    );
    vi.stubEnv('DATABASE_URL', 'db:5432');
    expect(() => contentDatabaseSetting()).toThrow(/^DATABASE_URL: /);
    vi.stubEnv('DATABASE_URL', 'postgres://db/site');
    vi.stubEnv('CONTENT_DB_SCHEMA', 'public; DROP');
    expect(() => contentDatabaseSetting()).toThrow(/^CONTENT_DB_SCHEMA: /);
  });

  it('takes a redis:// URL for the servers’ shared Redis, and names REDIS_URL otherwise', () => {
    vi.stubEnv('REDIS_URL', ' ');
    expect(redisUrlSetting()).toBeUndefined();
    vi.stubEnv('REDIS_URL', 'redis://cache.internal:6379');
    expect(redisUrlSetting()).toBe('redis://cache.internal:6379');
    vi.stubEnv('REDIS_URL', 'cache.internal:6379');
    expect(() => redisUrlSetting()).toThrow(
      'REDIS_URL: expected redis://host:port (or rediss://), got "cache.internal:6379"',
    );
    vi.stubEnv('REDIS_TIMEOUT_MS', '');
    expect(redisTimeoutMs()).toBe(500);
    vi.stubEnv('DATABASE_URL', '');
    expect(sharedContentDatabase()).toBe(false);
    vi.stubEnv('DATABASE_URL', 'postgres://portal@db/portal');
    expect(sharedContentDatabase()).toBe(true);
  });
});

describe('site paths', () => {
  it('gives a listing no /page/1, and numbers the pages after it', () => {
    expect(newsPath()).toBe('/news');
    expect(newsPath(1)).toBe('/news');
    expect(newsPath(3)).toBe('/news/page/3');
    expect(topicPath('telehealth', 2)).toBe('/topic/telehealth/page/2');
    expect(authorPath('athira-ravi')).toBe('/author/athira-ravi');
    expect(topicFeedPath('telehealth')).toBe('/topic/telehealth/feed.xml');
  });
});
