/**
 * One process's connection to the Redis its site's servers share, made to fail fast: a command
 * waits at most REDIS_TIMEOUT_MS, nothing is queued while the connection is down (the caller
 * goes on without Redis), and the client keeps reconnecting in the background. Losing and
 * finding Redis again are each logged once, not once per request.
 */
import { createClient, RESP_TYPES } from 'redis';

import { redisTimeoutMs } from '../config';

type Client = ReturnType<typeof createClient>;

export interface RedisLinkOptions {
  url: string;
  /** Who is talking, for the log: `cache handler`, `change feed`. */
  name: string;
  log?: (line: string) => void;
  /** Called each time the connection is ready again after it was lost. */
  onReconnect?: () => void;
  /** A longest command time other than REDIS_TIMEOUT_MS (a blocking read needs more). */
  timeoutMs?: number;
}

/**
 * A connection attempt may take this long: no request waits for one (nothing is queued while
 * disconnected), and a process busy starting up must not count a slow first connect as a loss.
 */
const CONNECT_TIMEOUT_MS = 2_000;
/** Reconnection backs off to this, so a dead Redis costs a connection attempt a second at most. */
const MAX_RETRY_DELAY_MS = 1_000;
/**
 * After a command fails on an open connection (Redis hangs rather than closes it), commands are
 * not sent for this long: one request a second waits for the timeout, not every request.
 */
const PAUSE_AFTER_FAILURE_MS = 1_000;

/** Redis did not answer a command in time (its connection may still be open). */
export class RedisTimeoutError extends Error {}

export class RedisLink {
  readonly client: Client;
  /** The same connection, answering bulk strings as Buffers (stored entries are binary). */
  readonly binary;
  private down = false;
  private everReady = false;
  /** No command is sent before this instant (epoch ms): the last one failed. */
  private pausedUntil = 0;
  private closed = false;
  private readonly log: (line: string) => void;
  private readonly timeoutMs: number;
  /** Settles when the first connection attempt succeeds or fails. */
  private readonly firstAttempt: Promise<void>;

  constructor(private readonly options: RedisLinkOptions) {
    this.log = options.log ?? ((line) => console.warn(line));
    const timeout = options.timeoutMs ?? redisTimeoutMs();
    this.timeoutMs = timeout;
    this.client = createClient({
      url: options.url,
      // How operators tell the connections apart in CLIENT LIST.
      name: `portal-${options.name.replace(/\W+/g, '-').replace(/-$/, '')}`,
      // Replies as arrays: the change feed reads stream replies in their RESP2 shape.
      RESP: 2,
      disableOfflineQueue: true,
      commandOptions: { timeout },
      socket: {
        connectTimeout: Math.max(CONNECT_TIMEOUT_MS, timeout),
        reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, MAX_RETRY_DELAY_MS),
      },
    });
    this.binary = this.client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
    this.client.on('error', (error: unknown) => this.lost(error));
    this.client.on('ready', () => {
      const again = this.down || this.everReady;
      this.everReady = true;
      this.pausedUntil = 0;
      this.back();
      if (again) options.onReconnect?.();
    });
    // The first connection may fail too: the client keeps trying, and errors reach `lost`.
    this.firstAttempt = new Promise<void>((resolve) => {
      this.client.once('ready', resolve);
      this.client.once('error', () => resolve());
    });
    this.client.connect().catch((error: unknown) => this.lost(error));
  }

  /** Whether a command may be sent now (it may still fail). */
  get ready(): boolean {
    return !this.closed && this.client.isReady;
  }

  /**
   * Runs `command` when Redis is reachable; undefined when it is not or the command fails (the
   * failure is logged once, until Redis answers again).
   */
  async attempt<T>(command: () => Promise<T>): Promise<T | undefined> {
    // Just started: wait for the first connection, as long as a command may take.
    if (!this.ready && !this.down && !this.everReady && !this.closed) {
      await Promise.race([this.firstAttempt, pause(this.timeoutMs)]);
    }
    if (!this.ready) {
      this.lost(new Error('not connected'));
      return undefined;
    }
    if (Date.now() < this.pausedUntil) return undefined;
    try {
      const result = await this.inTime(command());
      if (this.back()) this.options.onReconnect?.();
      return result;
    } catch (error) {
      this.pausedUntil = Date.now() + PAUSE_AFTER_FAILURE_MS;
      this.lost(error);
      return undefined;
    }
  }

  /**
   * The command's answer, or a rejection once the command timeout has passed. (The client's own
   * `timeout` covers only the wait to send a command: a Redis that hangs with its connection open
   * would hold every request.)
   */
  inTime<T>(answer: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RedisTimeoutError(`no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    return Promise.race([answer, late]).finally(() => clearTimeout(timer));
  }

  /**
   * Notes that Redis answered; logs it when it had been lost. True when it had (a connection
   * that hung and recovered without closing is "back" too).
   */
  back(): boolean {
    if (!this.down || this.closed) return false;
    this.down = false;
    this.log(`${this.options.name}: Redis at ${redact(this.options.url)} is back; using it again`);
    return true;
  }

  /** Notes a failure; logs the first since Redis last answered. */
  lost(error: unknown): void {
    if (this.down || this.closed) return;
    this.down = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.log(
      `${this.options.name}: cannot use Redis at ${redact(this.options.url)} (${reason}); ` +
        'going on without it until it answers again',
    );
  }

  /** Drops the connection at once, with the commands still waiting on it. */
  destroy(): void {
    this.closed = true;
    this.client.destroy();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.client.close();
    } catch {
      this.client.destroy();
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** The URL without its password, for logs. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
