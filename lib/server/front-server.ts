/**
 * The HTTP server readers talk to. It answers cached pages and files itself, from final
 * responses kept in memory (policy, headers and compressed bodies included), and sends
 * everything else to Next, which runs in the same process on a loopback port (server.ts).
 *
 * - A fresh hit writes stored bytes: no routing, no rendering, no proxy, no hashing.
 * - A stale hit is served while Next is asked again in the background.
 * - A miss asks Next once, however many readers wait for it, and stores what may be kept.
 * - Preview, search, the editors' page and the API pass through, never stored.
 * - Every response gets the security headers, and every HTML page a script policy that lists
 *   the hashes of the framework's inline scripts in it (script-policy.ts).
 *
 * The app steers the cache with two response headers, which go no further than this server:
 * `x-portal-purge` (paths whose pages changed) and `x-portal-next-publication` (when the next
 * scheduled article goes public), both sent by the revalidation endpoint.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';

import { secretMatches } from '../preview';

import { cacheRoute, hasCookie, PREVIEW_COOKIE, type CacheRoute } from './cache-rules';
import { negotiateEncoding } from './compression';
import {
  prepareResponse,
  sendPrepared,
  type PreparedResponse,
  type UpstreamResponse,
} from './prepared-response';
import { PublicationTimer, systemClock, type Clock } from './publication-timer';
import { ResponseCache, type CachedResponse, type PurgePattern } from './response-cache';
import { createNonce, FILE_POLICY, SECURITY_HEADERS } from './security-headers';

export const PURGE_HEADER = 'x-portal-purge';
export const NEXT_PUBLICATION_HEADER = 'x-portal-next-publication';
/** The revalidation endpoint; the timer calls it with `scope=schedule` and the internal token. */
export const PUBLISH_DUE_PATH = '/api/revalidate?scope=schedule';
/** The cache's figures, and a way to empty it, for operators and tests (needs the secret). */
export const CACHE_API_PATH = '/api/cache';

/** Larger responses pass through once but are never held in memory whole. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const UPSTREAM_TIMEOUT_MS = 60_000;
const MAX_HEADER_BYTES = 1024 * 1024;

export interface FrontServerOptions {
  /** Where Next listens (loopback). */
  upstream: { host: string; port: number };
  /** The Host Next is told for cacheable requests, whatever a reader sent. */
  host: string;
  cacheBytes: number;
  /** Lets the publication timer call the revalidation endpoint; never leaves this process. */
  internalToken: string;
  /** REVALIDATE_SECRET: the bearer token for the cache figures, which are off without it. */
  statsToken?: string;
  clock?: Clock;
  log?: (line: string) => void;
}

export class FrontServer {
  readonly cache: ResponseCache;
  readonly timer: PublicationTimer;
  private readonly inflight = new Map<string, Promise<PreparedResponse>>();
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  /** Pages already reported for foreign scripts, by ETag, so that each is logged once. */
  private readonly reported = new Set<string>();

  constructor(private readonly options: FrontServerOptions) {
    this.cache = new ResponseCache(options.cacheBytes);
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? ((line) => console.log(line));
    this.timer = new PublicationTimer(() => this.publishDue(), this.clock);
  }

  /** The request listener. */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const target = req.url ?? '';
    if (!target.startsWith('/'))
      return respondError(res, 400, 'Bad Request: the request target must be a path.');
    const queryAt = target.indexOf('?');
    const path = queryAt === -1 ? target : target.slice(0, queryAt);
    if (path.includes('%') && !decodes(path)) {
      return respondError(res, 400, 'Bad Request: the path is not valid percent-encoded UTF-8.');
    }
    if (path === CACHE_API_PATH) return this.serveCacheAdmin(req, res);
    const route = cacheRoute(req.method, target, req.headers, this.options.host);
    if (route.kind === 'pass') return void this.passThrough(req, res);
    return void this.serveCacheable(req, res, route);
  };

  private async serveCacheable(
    req: IncomingMessage,
    res: ServerResponse,
    route: Extract<CacheRoute, { kind: 'cache' }>,
  ): Promise<void> {
    const now = this.clock.now();
    const found = this.cache.lookup(route.key, now);
    if (found) {
      if (!found.fresh) void this.fetch(route).catch(() => undefined);
      const age = String(Math.max(0, Math.floor((now - found.entry.receivedAt) / 1000)));
      return sendPrepared(req, res, found.entry, [
        'age',
        age,
        'x-cache',
        found.fresh ? 'HIT' : 'STALE',
      ]);
    }
    try {
      sendPrepared(req, res, await this.fetch(route), ['x-cache', 'MISS']);
    } catch (error) {
      // Next could not answer: an old copy, however stale, is better than an error page.
      const old = this.cache.peek(route.key);
      if (old) return sendPrepared(req, res, old, ['x-cache', 'STALE']);
      this.log(`front server: ${route.upstreamPath}: ${String(error)}`);
      respondError(res, 502, 'Bad Gateway: the page could not be rendered. Try again shortly.');
    }
  }

  /** Asks Next for a cacheable URL once, however many requests wait for it, and keeps the answer. */
  private fetch(route: Extract<CacheRoute, { kind: 'cache' }>): Promise<PreparedResponse> {
    const pending = this.inflight.get(route.key);
    if (pending) return pending;
    const generation = this.cache.currentGeneration();
    const request = { method: 'GET', url: route.upstreamPath, headers: route.upstreamHeaders };
    const fetched = this.askUpstream(request.method, request.url, request.headers)
      .then(async (upstream) => {
        const prepared = await prepareResponse(request, upstream, {
          cacheable: true,
          preview: false,
          now: this.clock.now(),
        });
        this.reportForeignScripts(route.path, prepared);
        if (prepared.keep) {
          const entry: CachedResponse = { ...prepared, keep: prepared.keep, path: route.path };
          this.cache.store(route.key, entry, generation);
        }
        return prepared;
      })
      .finally(() => this.inflight.delete(route.key));
    this.inflight.set(route.key, fetched);
    return fetched;
  }

  /** Everything rendered per request: forwarded as it came, answered as Next answers. */
  private async passThrough(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const preview = hasCookie(req.headers.cookie, PREVIEW_COOKIE);
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    // This server compresses; Next's compression is off.
    headers['accept-encoding'] = 'identity';
    // Next puts the nonce of the request's policy on every script of a page it renders for
    // this request, React's streaming scripts included (see script-policy.ts).
    const nonce = createNonce();
    headers['content-security-policy'] = `script-src 'nonce-${nonce}'`;
    delete headers['content-security-policy-report-only'];
    const forwardedFor = req.headers['x-forwarded-for'];
    const client = req.socket.remoteAddress ?? '';
    headers['x-forwarded-for'] = forwardedFor ? `${String(forwardedFor)}, ${client}` : client;
    try {
      const upstream = await this.askUpstream(req.method ?? 'GET', req.url ?? '/', headers, req);
      const prepared = await prepareResponse(
        { method: req.method ?? 'GET', url: req.url ?? '/', headers: {} },
        upstream,
        {
          cacheable: false,
          preview,
          now: this.clock.now(),
          encoding: negotiateEncoding(req.headers['accept-encoding']),
          nonce,
        },
      );
      this.reportForeignScripts(req.url ?? '/', prepared);
      sendPrepared(req, res, prepared, ['x-cache', 'BYPASS']);
    } catch (error) {
      this.log(`front server: ${req.method} ${req.url}: ${String(error)}`);
      respondError(res, 502, 'Bad Gateway: the request could not be handled. Try again shortly.');
    }
  }

  /**
   * One request to Next, its answer read whole. The app's instructions to this server in the
   * answer (purges, the next publication) are carried out here, whoever made the request.
   */
  private askUpstream(
    method: string,
    path: string,
    headers: Record<string, string | string[]>,
    body?: IncomingMessage,
  ): Promise<UpstreamResponse> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          ...this.options.upstream,
          method,
          path,
          headers,
          agent: this.agent,
          timeout: UPSTREAM_TIMEOUT_MS,
          // The revalidation endpoint may name thousands of changed paths in its purge header.
          maxHeaderSize: MAX_HEADER_BYTES,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let length = 0;
          response.on('data', (chunk: Buffer) => {
            length += chunk.length;
            if (length > MAX_BODY_BYTES) {
              response.destroy(new Error(`the response is over ${MAX_BODY_BYTES} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          response.on('error', reject);
          response.on('end', () => {
            this.obey(response.headers);
            resolve({
              status: response.statusCode ?? 502,
              headers: response.headers,
              body: Buffer.concat(chunks),
            });
          });
        },
      );
      request.on('timeout', () =>
        request.destroy(new Error(`no answer within ${UPSTREAM_TIMEOUT_MS} ms`)),
      );
      request.on('error', reject);
      if (body && method !== 'GET' && method !== 'HEAD') body.pipe(request);
      else request.end();
    });
  }

  private obey(headers: http.IncomingHttpHeaders): void {
    const purge = headers[PURGE_HEADER];
    if (typeof purge === 'string' && purge !== '[]') {
      const patterns = JSON.parse(purge) as PurgePattern[];
      const count = this.cache.purge(patterns);
      this.log(
        `front server: purged ${count} cached responses for ${patterns.length} changed paths`,
      );
    }
    const next = headers[NEXT_PUBLICATION_HEADER];
    if (typeof next === 'string') this.timer.expect(next === 'none' ? null : Number(next));
  }

  /** Called by the timer: the app publishes what is due and purges the pages it appears on. */
  private async publishDue(): Promise<void> {
    const response = await this.askUpstream('POST', PUBLISH_DUE_PATH, {
      host: this.options.host,
      authorization: `Bearer ${this.options.internalToken}`,
    });
    if (response.status !== 200) {
      throw new Error(
        `${PUBLISH_DUE_PATH} answered ${response.status}: ${response.body.toString().slice(0, 200)}`,
      );
    }
  }

  private reportForeignScripts(path: string, prepared: PreparedResponse): void {
    if (prepared.foreignScripts.length === 0 || this.reported.has(prepared.etag)) return;
    if (this.reported.size > 10_000) this.reported.clear();
    this.reported.add(prepared.etag);
    this.log(
      `front server: ${path} holds ${prepared.foreignScripts.length} inline script(s) that are not the framework's; ` +
        `the policy does not allow them, so they do not run: ${prepared.foreignScripts.slice(0, 5).join(' | ')}`,
    );
  }

  /**
   * `GET /api/cache`: the cache's figures. `DELETE /api/cache`: empties it (Next's own cache is
   * untouched, so pages come back from it without rendering). Both need REVALIDATE_SECRET.
   */
  private serveCacheAdmin(req: IncomingMessage, res: ServerResponse): void {
    const token = this.options.statsToken;
    if (!token) {
      return respondError(
        res,
        503,
        'The cache API is off on this server: REVALIDATE_SECRET is not set.',
      );
    }
    if (!secretMatches(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1], token)) {
      return respondError(res, 401, 'Invalid or missing bearer token.');
    }
    if (req.method === 'DELETE') this.cache.purge(['*']);
    else if (req.method !== 'GET')
      return respondError(res, 405, 'Method Not Allowed: use GET or DELETE.');
    const body = JSON.stringify({
      ...this.cache.stats(),
      inflight: this.inflight.size,
      nextTimerAt: this.timer.firesAt,
    });
    res.writeHead(200, [
      ...securityHeaderList(FILE_POLICY),
      'content-type',
      'application/json',
      'cache-control',
      'private, no-store',
    ]);
    res.end(body);
  }

  close(): void {
    this.timer.stop();
    this.agent.destroy();
  }
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
]);

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function securityHeaderList(policy: string): string[] {
  const list: string[] = [];
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) list.push(name, value);
  list.push('content-security-policy', policy);
  return list;
}

/** A plain-text error of this server's own, with the same security headers as everything else. */
export function respondError(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, [
    ...securityHeaderList(FILE_POLICY),
    'content-type',
    'text/plain; charset=utf-8',
    'cache-control',
    'no-store',
  ]);
  res.end(`${message}\n`);
}
