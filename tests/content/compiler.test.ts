import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { CompileOutcome } from '@/lib/content/compile-job';

import { FAKE_JPEG, makeContentDir } from '../support/fixture';

type Compiler = typeof import('@/lib/content/compiler');

/** A fresh copy of the module, so it reads the environment this test sets. */
async function loadCompiler(env: Record<string, string>): Promise<Compiler> {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return import('@/lib/content/compiler');
}

function cachedFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.json'));
}

const SLOW_TABLE = `${'| a '.repeat(1000)}|\n${'| - '.repeat(1000)}|\n${`${'| a '.repeat(1000)}|\n`.repeat(200)}`;

describe('the compile time limit', () => {
  let compiler: Compiler;
  beforeAll(async () => {
    compiler = await loadCompiler({ CONTENT_COMPILE_TIME_LIMIT_MS: '1000', CONTENT_CACHE_DIR: 'off' });
  });
  afterAll(() => vi.unstubAllEnvs());

  it('stops a body that compiles for longer, reports it, and goes on compiling the next', async () => {
    const { dir, cleanup } = makeContentDir({});
    try {
      const slow = await compiler.compileContentBody({ source: SLOW_TABLE, dir, kind: 'news' });
      // Uncapped, this table compiles (in over 20 s); the limit is what turns it into a failure.
      expect(slow).toMatchObject({ ok: false, message: expect.stringContaining('more than 1 s to compile') });

      const next = await compiler.compileContentBody({ source: 'Still *compiled*.', dir, kind: 'news' });
      expect(next.ok && next.body.text).toBe('Still compiled.');
    } finally {
      cleanup();
    }
  });
});

describe('the compile cache', () => {
  let compiler: Compiler;
  let cacheDir: string;
  beforeAll(async () => {
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'portal-compile-cache-'));
    compiler = await loadCompiler({ CONTENT_CACHE_DIR: cacheDir });
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('stores each compiled body once and answers the same body from disk', async () => {
    const { dir, cleanup } = makeContentDir({});
    try {
      const job = { source: 'Cached *body*.', dir, kind: 'news' as const };
      const first = await compiler.compileContentBody(job);
      expect(first.ok).toBe(true);
      const [file] = cachedFiles(cacheDir);
      expect(cachedFiles(cacheDir)).toHaveLength(1);

      // Edit the stored entry: a cache hit returns the edit, a recompile would not.
      const entry = path.join(cacheDir, file!);
      const stored = JSON.parse(readFileSync(entry, 'utf8')) as CompileOutcome;
      writeFileSync(entry, JSON.stringify({ ...stored, body: { ...(stored.ok && stored.body), text: 'from disk' } }));
      const second = await compiler.compileContentBody(job);
      expect(second.ok && second.body.text).toBe('from disk');

      // A changed body is a different entry.
      const changed = await compiler.compileContentBody({ ...job, source: 'Cached *body*, edited.' });
      expect(changed.ok && changed.body.text).toBe('Cached body, edited.');
      expect(cachedFiles(cacheDir)).toHaveLength(2);
    } finally {
      cleanup();
    }
  });

  it('recompiles a body when an image it names appears or disappears', async () => {
    const { dir, cleanup } = makeContentDir({ 'news/story.mdx': '' });
    try {
      const job = { source: '![Ward](ward.jpg)', dir, kind: 'news' as const };
      const missing = await compiler.compileContentBody(job);
      expect(missing.ok && missing.body.code).not.toContain('/media/news/ward.jpg');

      writeFileSync(path.join(dir, 'news', 'ward.jpg'), FAKE_JPEG);
      const present = await compiler.compileContentBody(job);
      expect(present.images).toEqual([expect.objectContaining({ src: 'ward.jpg', key: 'news/ward.jpg' })]);
      expect(present.ok && present.body.code).toContain('/media/news/ward.jpg');
    } finally {
      cleanup();
    }
  });

  it('keeps failures too, so a broken body costs its compile time once', async () => {
    const { dir, cleanup } = makeContentDir({});
    try {
      const before = cachedFiles(cacheDir).length;
      const job = { source: `${'<div>'.repeat(500)}deep${'</div>'.repeat(500)}`, dir, kind: 'news' as const };
      const failed = await compiler.compileContentBody(job);
      expect(failed).toMatchObject({ ok: false, message: expect.stringContaining('levels deep') });
      expect(cachedFiles(cacheDir)).toHaveLength(before + 1);
      expect(await compiler.compileContentBody(job)).toEqual(failed);
    } finally {
      cleanup();
    }
  });
});
