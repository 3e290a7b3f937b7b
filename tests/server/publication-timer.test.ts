import { describe, expect, it, vi } from 'vitest';

import { MAX_DELAY_MS, PublicationTimer, type Clock } from '@/lib/server/publication-timer';

/** A clock the test moves by hand: timers fire when `advance` passes their time. */
function manualClock(start: number) {
  let now = start;
  let timers: { at: number; callback: () => void; id: number }[] = [];
  let ids = 0;
  const clock: Clock = {
    now: () => now,
    setTimeout: (callback, ms) => {
      timers.push({ at: now + ms, callback, id: ++ids });
      return ids;
    },
    clearTimeout: (id) => {
      timers = timers.filter((timer) => timer.id !== id);
    },
  };
  return {
    clock,
    pending: () => timers.map((timer) => timer.at),
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((timer) => timer !== due);
        now = due.at;
        due.callback();
        // Let the timer's async work (the request to the app) settle.
        await new Promise((resolve) => setImmediate(resolve));
      }
      now = until;
    },
  };
}

describe('PublicationTimer', () => {
  it('publishes just after the next scheduled date, then waits for the one after', async () => {
    const time = manualClock(1_000_000);
    const calls: number[] = [];
    const schedule = [1_030_000, null];
    const timer: PublicationTimer = new PublicationTimer(async () => {
      calls.push(time.clock.now());
      timer.expect(schedule.shift() ?? null);
    }, time.clock);

    timer.expect(1_010_000);
    await time.advance(9_999);
    expect(calls).toEqual([]);
    await time.advance(20);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toBeGreaterThan(1_010_000);
    await time.advance(20_000);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toBeGreaterThan(1_030_000);
  });

  it('checks at least once a minute, even when nothing is scheduled', async () => {
    const time = manualClock(0);
    let calls = 0;
    const timer = new PublicationTimer(async () => void calls++, time.clock);
    timer.expect(null);
    expect(time.pending()).toEqual([MAX_DELAY_MS]);
    timer.expect(10 * MAX_DELAY_MS);
    expect(time.pending()).toEqual([MAX_DELAY_MS]);
    await time.advance(3 * MAX_DELAY_MS);
    expect(calls).toBe(3);
  });

  it('retries a date already past after a pause instead of spinning, and keeps going after a failure', async () => {
    const time = manualClock(50_000);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let calls = 0;
    const timer: PublicationTimer = new PublicationTimer(async () => {
      calls++;
      timer.expect(40_000);
      throw new Error('the app is restarting');
    }, time.clock);
    timer.expect(40_000);
    await time.advance(10_000);
    expect(calls).toBeGreaterThanOrEqual(9);
    expect(calls).toBeLessThanOrEqual(10);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('the app is restarting'));
    logged.mockRestore();
  });

  it('stops for good', async () => {
    const time = manualClock(0);
    let calls = 0;
    const timer = new PublicationTimer(async () => void calls++, time.clock);
    timer.start();
    timer.stop();
    await time.advance(10 * MAX_DELAY_MS);
    expect(calls).toBe(0);
    expect(time.pending()).toEqual([]);
  });
});
