/**
 * The change feed between servers against real Redis: scripts/services.sh's (TEST_REDIS_URL),
 * and one of the test's own that it stops and starts again, empty.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, describe, expect, it } from 'vitest';

import { ChangeFeed, compareIds, type Change } from '@/lib/server/change-feed';
import { startRedis } from '@/scripts/scale-out/cluster';

const REDIS_URL = process.env.TEST_REDIS_URL;
if (!REDIS_URL) throw new Error('TEST_REDIS_URL: run through `bash scripts/services.sh`');

const running: ChangeFeed[] = [];
let streamNumber = 0;

function feed(url: string, serverId: string, stream: string, lines: string[] = []) {
  const applied: Change[] = [];
  const changes = new ChangeFeed({
    url,
    serverId,
    stream,
    apply: async (change) => void applied.push(change),
    log: (line) => void lines.push(line),
  });
  running.push(changes);
  changes.start();
  return { changes, applied };
}

/** Until the feed has read the stream once (it starts from the newest entry). */
async function settled(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((changes) => changes.stop()));
});

describe('the change feed', () => {
  it('brings a change to every other server, not back to its own', async () => {
    const stream = `test:changes:${++streamNumber}`;
    const a = feed(REDIS_URL, 'a', stream);
    const b = feed(REDIS_URL, 'b', stream);
    const c = feed(REDIS_URL, 'c', stream);
    await settled();
    // Within a second is the target npm run bench:scale-out measures, over 20 trials.
    await a.changes.publish({ paths: ['/news/x', '/topic/[slug]'], reindex: true });
    await expect
      .poll(() => b.applied.length && c.applied.length, { interval: 5, timeout: 10_000 })
      .toBe(1);
    expect(b.applied).toEqual([
      { origin: 'a', paths: ['/news/x', '/topic/[slug]'], reindex: true },
    ]);
    expect(c.applied).toEqual(b.applied);
    await settled();
    expect(a.applied).toEqual([]);
  });

  it('starts from the newest change: a server that starts does not replay history', async () => {
    const stream = `test:changes:${++streamNumber}`;
    const a = feed(REDIS_URL, 'a', stream);
    await settled();
    await a.changes.publish({ paths: ['/old'], reindex: false });
    const b = feed(REDIS_URL, 'b', stream);
    await settled();
    await a.changes.publish({ paths: ['/new'], reindex: false });
    await expect.poll(() => b.applied.map((change) => change.paths[0])).toEqual(['/new']);
  });

  it('orders stream ids by time, then sequence', () => {
    expect(compareIds('2-0', '10-0')).toBe(-1);
    expect(compareIds('10-3', '10-12')).toBe(-1);
    expect(compareIds('10-0', '10-0')).toBe(0);
  });
});

describe('the change feed when Redis stops', () => {
  it('keeps what it could not send, and a reader that may have missed changes purges all', async () => {
    const redis = await startRedis();
    try {
      const stream = `test:changes:${++streamNumber}`;
      const lines: string[] = [];
      const a = feed(redis.url, 'a', stream, lines);
      const b = feed(redis.url, 'b', stream, lines);
      await settled();
      await a.changes.publish({ paths: ['/before'], reindex: true });
      await expect.poll(() => b.applied.length).toBe(1);

      await redis.stop();
      // Published while Redis is away: sent when it is back.
      await a.changes.publish({ paths: ['/while-away'], reindex: true });
      await redis.start();

      // Redis came back empty: b cannot know what it missed, so it purges everything, then reads
      // what a sends once it is back.
      await expect
        .poll(() => b.applied.map((change) => change.paths.join()), { timeout: 10_000 })
        .toEqual(['/before', '*', '/while-away']);
      expect(b.applied[1]).toMatchObject({ paths: ['*'], reindex: true });
      // Once per server, however many commands failed.
      expect(lines.filter((line) => line.startsWith('change feed: cannot use Redis'))).toHaveLength(
        2,
      );
      expect(lines.filter((line) => line.includes('is back'))).toHaveLength(2);
    } finally {
      await Promise.all(running.splice(0).map((changes) => changes.stop()));
      await redis.stop();
    }
  });

  it('goes on after Redis hung with its connections open, and catches up', async () => {
    const redis = await startRedis();
    try {
      const stream = `test:changes:${++streamNumber}`;
      const a = feed(redis.url, 'a', stream);
      const b = feed(redis.url, 'b', stream);
      await settled();
      redis.freeze();
      const started = performance.now();
      await a.changes.publish({ paths: ['/while-hung'], reindex: false });
      expect(performance.now() - started).toBeLessThan(1_000);
      await sleep(2_500);
      redis.thaw();
      const thawed = performance.now();
      await expect
        .poll(() => b.applied.map((change) => change.paths.join()), { timeout: 10_000 })
        .toContain('/while-hung');
      // Caught up within a few seconds of Redis answering again.
      expect(performance.now() - thawed).toBeLessThan(4_000);
      // And goes on reading: how soon is the scale-out bench's to measure (npm run
      // bench:scale-out), not this test's on a machine that may be busy.
      await a.changes.publish({ paths: ['/after'], reindex: false });
      await expect
        .poll(() => b.applied.at(-1)?.paths, { interval: 5, timeout: 10_000 })
        .toEqual(['/after']);
    } finally {
      redis.thaw();
      await Promise.all(running.splice(0).map((changes) => changes.stop()));
      await redis.stop();
    }
  });
});
