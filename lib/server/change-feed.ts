/**
 * The site's servers tell each other what changed through a Redis Stream. After a revalidation
 * (or a scheduled publication) a server appends the paths it purged; every other server reads
 * the stream from the last entry it handled, so a server that lost Redis for a while catches up
 * on what it missed when Redis is back. When what it missed is gone (trimmed away, or Redis
 * restarted empty), it is told to purge everything. Changes a server could not append while
 * Redis was away are appended when it is back.
 */
import { redisTimeoutMs } from '../config';
import { RedisLink, RedisTimeoutError } from '../cache/redis-link';
import type { PurgePattern } from './response-cache';

export interface Change {
  /** The server that made it (its own changes come back to it and are skipped). */
  origin: string;
  paths: PurgePattern[];
  /**
   * The content folder changed: a server with a content database of its own indexes it again.
   * False for a scheduled publication, which every server's own timer also carries out.
   */
  reindex: boolean;
}

export interface ChangeFeedOptions {
  url: string;
  serverId: string;
  /** Handles another server's change; the feed waits for it before reading on. */
  apply: (change: Change) => Promise<void>;
  stream?: string;
  /** Entries kept in the stream (about: Redis trims in whole blocks). */
  maxLength?: number;
  log?: (line: string) => void;
}

/** How long a read waits for new entries before it asks again. */
const BLOCK_MS = 1_000;
const READ_COUNT = 100;
/** Unsent changes beyond this become one "purge everything". */
const MAX_UNSENT = 100;
const RETRY_MS = 1_000;

type StreamReply = [string, [string, string[]][]][] | null;

export class ChangeFeed {
  private readonly writer: RedisLink;
  private reader: RedisLink;
  private readonly stream: string;
  private readonly log: (line: string) => void;
  /** The last entry handled; null until the first read, which starts from the newest. */
  private lastId: string | null = null;
  /** Set when the reading connection was lost: check whether entries were missed. */
  private checkGap = false;
  private unsent: Change[] = [];
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;
  private loop: Promise<void> | null = null;

  constructor(private readonly options: ChangeFeedOptions) {
    this.stream = options.stream ?? 'portal:changes';
    this.log = options.log ?? ((line) => console.log(line));
    this.writer = new RedisLink({
      url: options.url,
      name: 'change feed',
      log: this.log,
      onReconnect: () => void this.flush(),
    });
    this.reader = this.newReader();
  }

  /** Its errors are the writer's too; one log line is enough. */
  private newReader(): RedisLink {
    return new RedisLink({
      url: this.options.url,
      name: 'change feed (reader)',
      log: () => undefined,
      timeoutMs: BLOCK_MS + redisTimeoutMs(),
      onReconnect: () => (this.checkGap = true),
    });
  }

  start(): void {
    this.loop ??= this.read();
  }

  /** Tells the other servers; kept and sent later when Redis is away. */
  async publish(change: Omit<Change, 'origin'>): Promise<void> {
    this.unsent.push({ ...change, origin: this.options.serverId });
    if (this.unsent.length > MAX_UNSENT) {
      this.unsent = [{ origin: this.options.serverId, paths: ['*'], reindex: true }];
    }
    await this.flush();
  }

  private async flush(): Promise<void> {
    while (this.unsent.length > 0 && !this.stopped) {
      const change = this.unsent[0]!;
      const added = await this.writer.attempt(() =>
        this.writer.client.sendCommand([
          'XADD',
          this.stream,
          'MAXLEN',
          '~',
          String(this.options.maxLength ?? 1000),
          '*',
          'origin',
          change.origin,
          'paths',
          JSON.stringify(change.paths),
          'reindex',
          change.reindex ? '1' : '0',
        ]),
      );
      if (added === undefined) {
        // Tried again on reconnection, and every RETRY_MS in case Redis hung without closing.
        this.retry ??= setTimeout(() => {
          this.retry = null;
          void this.flush();
        }, RETRY_MS).unref();
        return;
      }
      this.unsent.shift();
    }
  }

  private async read(): Promise<void> {
    while (!this.stopped) {
      if (!this.reader.ready) {
        await pause(100);
        continue;
      }
      const client = this.reader.client;
      try {
        if (this.lastId === null) {
          this.lastId = newestId(
            (await this.reader.inTime(
              client.sendCommand(['XREVRANGE', this.stream, '+', '-', 'COUNT', '1']),
            )) as [string, string[]][],
          );
        } else if (this.checkGap) {
          this.checkGap = false;
          const missed = await this.missedEntries(this.lastId);
          if (missed) {
            this.log('change feed: changes may have been missed while Redis was away; purging all');
            this.lastId = missed.resumeFrom;
            await this.apply({ origin: '(missed)', paths: ['*'], reindex: true });
          }
        }
        const reply = (await this.reader.inTime(
          client.sendCommand([
            'XREAD',
            'COUNT',
            String(READ_COUNT),
            'BLOCK',
            String(BLOCK_MS),
            'STREAMS',
            this.stream,
            this.lastId,
          ]),
        )) as StreamReply;
        if (this.reader.back()) this.checkGap = true;
        for (const [id, fields] of reply?.[0]?.[1] ?? []) {
          this.lastId = id;
          const change = parseChange(fields);
          if (change && change.origin !== this.options.serverId) await this.apply(change);
        }
      } catch (error) {
        if (this.stopped) return;
        this.reader.lost(error);
        this.checkGap = true;
        if (error instanceof RedisTimeoutError) {
          // Redis hangs with the connection open: blocking reads queued on it would run one
          // after the other once it answers again, each holding the next. Start afresh.
          this.reader.destroy();
          this.reader = this.newReader();
        }
        await pause(100);
      }
    }
  }

  /**
   * Whether entries after `lastId` are gone: the stream's oldest entry is newer than it, or the
   * stream is empty (Redis restarted without it). Undefined when nothing was missed.
   */
  private async missedEntries(lastId: string): Promise<{ resumeFrom: string } | undefined> {
    const oldest = (await this.reader.inTime(
      this.reader.client.sendCommand(['XRANGE', this.stream, '-', '+', 'COUNT', '1']),
    )) as [string, string[]][];
    const first = oldest[0]?.[0];
    if (lastId === '0-0') return undefined;
    if (first === undefined) return { resumeFrom: '0-0' };
    // Entries from before the oldest one may have been missed; the oldest itself is read next.
    return compareIds(first, lastId) > 0 ? { resumeFrom: previousId(first) } : undefined;
  }

  private async apply(change: Change): Promise<void> {
    try {
      await this.options.apply(change);
    } catch (error) {
      this.log(`change feed: applying a change from ${change.origin} failed: ${String(error)}`);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await Promise.all([this.writer.close(), this.reader.close()]);
    await this.loop?.catch(() => undefined);
  }
}

function newestId(reply: [string, string[]][]): string {
  return reply[0]?.[0] ?? '0-0';
}

function parseChange(fields: string[]): Change | null {
  const map = new Map<string, string>();
  for (let index = 0; index + 1 < fields.length; index += 2) {
    map.set(fields[index]!, fields[index + 1]!);
  }
  try {
    const paths = JSON.parse(map.get('paths') ?? '[]') as unknown;
    if (!Array.isArray(paths) || !paths.every((path) => typeof path === 'string')) return null;
    return { origin: map.get('origin') ?? '', paths, reindex: map.get('reindex') === '1' };
  } catch {
    return null;
  }
}

/** Orders stream ids (`ms-seq`). */
export function compareIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs !== bMs ? Math.sign(aMs - bMs) : Math.sign(aSeq - bSeq);
}

/** The id just before this one, to read from it inclusively with XREAD. */
function previousId(id: string): string {
  const [ms = 0, seq = 0] = id.split('-').map(Number);
  return seq > 0 ? `${ms}-${seq - 1}` : `${Math.max(0, ms - 1)}-18446744073709551615`;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
