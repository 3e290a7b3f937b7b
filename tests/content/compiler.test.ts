import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { makeContentDir } from '../support/fixture';

type Compiler = typeof import('@/lib/content/compiler');

/** A fresh copy of the module, so it reads the environment this test sets. */
async function loadCompiler(env: Record<string, string>): Promise<Compiler> {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return import('@/lib/content/compiler');
}

/** An article file with this body: its front matter ends on line 5, so the body starts on 6. */
const article = (body: string) => `---\nslug: slow\ntitle: Slow\ndate: 2026-01-05\n---\n${body}`;
const job = (dir: string, body: string) => ({
  dir,
  file: 'news/slow.md',
  kind: 'news' as const,
  text: article(body),
});
const SLOW_TABLE = `${'| a '.repeat(1000)}|\n${'| - '.repeat(1000)}|\n${`${'| a '.repeat(1000)}|\n`.repeat(200)}`;

describe('the compile time limit', () => {
  let compiler: Compiler;
  beforeAll(async () => {
    compiler = await loadCompiler({ CONTENT_COMPILE_TIME_LIMIT_MS: '1000' });
  });
  afterAll(() => vi.unstubAllEnvs());

  it('stops a body that compiles for longer, reports it, and goes on compiling the next', async () => {
    const { dir, cleanup } = makeContentDir({});
    try {
      const slow = await compiler.parseContentFile(job(dir, SLOW_TABLE));
      // Uncapped, this table compiles (in over 20 s); the limit is what turns it into a failure.
      expect(slow.parsed).toBeNull();
      expect(slow.problems).toEqual([
        expect.objectContaining({
          file: 'news/slow.md',
          line: 6,
          severity: 'error',
          message: expect.stringContaining('more than 1 s to compile'),
        }),
      ]);

      const next = await compiler.parseContentFile(job(dir, 'Still *compiled*.'));
      expect(next.parsed?.body?.text).toBe('Still compiled.');
    } finally {
      cleanup();
    }
  });
});

describe('idle compile threads', () => {
  afterAll(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('end 10 s after their last body, and a later body starts one again', async () => {
    const compiler = await loadCompiler({ CONTENT_COMPILE_THREADS: '1' });
    const { dir, cleanup } = makeContentDir({});
    try {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const first = await compiler.parseContentFile(job(dir, 'One *body*.'));
      expect(first.parsed?.body?.text).toBe('One body.');
      expect(compiler.runningCompileThreads()).toBe(1);

      vi.advanceTimersByTime(9_000);
      expect(compiler.runningCompileThreads()).toBe(1);
      vi.advanceTimersByTime(1_000);
      expect(compiler.runningCompileThreads()).toBe(0);

      const second = await compiler.parseContentFile(job(dir, 'Two.'));
      expect(second.parsed?.body?.text).toBe('Two.');
      expect(compiler.runningCompileThreads()).toBe(1);
    } finally {
      vi.useRealTimers();
      cleanup();
    }
  });
});
