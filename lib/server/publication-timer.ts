/**
 * Makes scheduled articles public on their date without a rebuild. Content tells the server when
 * the next scheduled article goes public (a header of the revalidation endpoint's answers); the
 * timer fires then, and at least once a minute in case a date was missed, and asks the app to
 * refresh the pages that article appears on.
 */

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export const MAX_DELAY_MS = 60_000;
const RETRY_MS = 1_000;
/** Timers may fire a millisecond early by the wall clock; the app must see the date passed. */
const MARGIN_MS = 5;

export class PublicationTimer {
  private handle: unknown = null;
  private nextPublication: number | null = null;
  private running = false;
  private stopped = false;

  /**
   * `publishDue` asks the app to publish what is due; it reports the next date back through
   * `expect` (the front server reads it off the response).
   */
  constructor(
    private readonly publishDue: () => Promise<void>,
    private readonly clock: Clock = systemClock,
    private readonly maxDelayMs = MAX_DELAY_MS,
  ) {}

  /** Publishes what is already due shortly after a start, which also tells the timer what is next. */
  start(): void {
    this.nextPublication = this.clock.now();
    this.arm();
  }

  /** The next instant something becomes public, as content reported it; null when nothing is scheduled. */
  expect(nextPublication: number | null): void {
    this.nextPublication = nextPublication;
    this.arm();
  }

  /** When the timer fires next (epoch ms), for tests and logs. */
  get firesAt(): number | null {
    return this.handle === null ? null : this.dueAt;
  }

  private dueAt = 0;

  private arm(): void {
    if (this.stopped || this.running) return;
    if (this.handle !== null) this.clock.clearTimeout(this.handle);
    const now = this.clock.now();
    const next = this.nextPublication;
    // A date already past is retried after a pause rather than at once, so that an app that
    // keeps reporting one cannot make the timer spin; a future one is met just after it passes.
    const delay = next === null ? this.maxDelayMs : next <= now ? RETRY_MS : next - now + MARGIN_MS;
    this.dueAt = now + Math.min(delay, this.maxDelayMs);
    this.handle = this.clock.setTimeout(() => void this.fire(), this.dueAt - now);
  }

  private async fire(): Promise<void> {
    this.handle = null;
    this.running = true;
    try {
      await this.publishDue();
    } catch (error) {
      console.error(`publication timer: publishing due articles failed: ${String(error)}`);
    } finally {
      this.running = false;
      this.arm();
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.handle !== null) this.clock.clearTimeout(this.handle);
    this.handle = null;
  }
}
