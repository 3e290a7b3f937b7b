/**
 * The HTTP server readers talk to. It answers cached pages and files itself, from final
 * responses kept in memory (policy, headers and compressed bodies included), and sends
 * everything else to Next, which listens on a loopback port (server.ts runs one front server
 * per core, in worker processes, and Next in the primary).
 *
 * - A fresh hit writes stored bytes: no routing, no rendering, no proxy, no hashing.
 * - A stale hit is served while Next is asked again in the background.
 * - A miss asks Next once, however many readers wait for it, and stores what may be kept.
 * - Preview, search, the editors' page and the API pass through, never stored.
 * - Every response gets the security headers, and every HTML page a script policy that lists
 *   the hashes of the framework's inline scripts in it (script-policy.ts).
 *
 * The app steers the cache with response headers that go no further than this server
 * (upstream.ts): the paths whose pages changed are purged from every worker's cache before the
 * response that named them is sent on, and the next publication date reaches the timer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { secretMatches } from '../preview';

import { cacheRoute, hasCookie, PREVIEW_COOKIE, type CacheRoute } from './cache-rules';
import { negotiateEncoding } from './compression';
import { HEALTH_PATH, READY_PATH, READY_TIMEOUT_MS, respondBusy, respondJson } from './health';
import type { CacheCoordinator } from './coordinator';
import { prepareResponse, sendPrepared, type PreparedResponse } from './prepared-response';
import { systemClock, type Clock } from './publication-timer';
import type { CachedResponse, ResponseCache } from './response-cache';
import { createNonce, FILE_POLICY, SECURITY_HEADERS } from './security-headers';
import { appInstructions, Upstream, type UpstreamResponse } from './upstream';

/** The caches' figures, and a way to empty them, for operators and tests (needs the secret). */
export const CACHE_API_PATH = '/api/cache';

type Cacheable = Extract<CacheRoute, { kind: 'cache' }>;

export interface FrontServerOptions {
  /** Where Next listens (loopback). */
  upstream: { host: string; port: number };
  /** The Host Next is told for cacheable requests, whatever a reader sent. */
  host: string;
  cache: ResponseCache;
  /** Reaches the other workers' caches and the publication timer. */
  coordinator: CacheCoordinator;
  /** REVALIDATE_SECRET: the bearer token of the cache API, which is off without it. */
  adminToken?: string;
  clock?: Clock;
  log?: (line: string) => void;
}

export class FrontServer {
  readonly cache: ResponseCache;
  private readonly coordinator: CacheCoordinator;
  private readonly upstream: Upstream;
  private readonly inflight = new Map<string, Promise<PreparedResponse>>();
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  /** Pages already reported for foreign scripts, by ETag, so that each is logged once. */
  private readonly reported = new Set<string>();

  constructor(private readonly options: FrontServerOptions) {
    this.cache = options.cache;
    this.coordinator = options.coordinator;
    this.upstream = new Upstream(options.upstream);
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? ((line) => console.log(line));
  }

  /** The request listener. */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const target = req.url ?? '';
    if (!target.startsWith('/')) {
      return respondError(res, 400, 'Bad Request: the request target must be a path.');
    }
    const queryAt = target.indexOf('?');
    const path = queryAt === -1 ? target : target.slice(0, queryAt);
    if (path.includes('%') && !decodes(path)) {
      return respondError(res, 400, 'Bad Request: the path is not valid percent-encoded UTF-8.');
    }
    // No page has a NUL in its path; Next would try to write one to its cache on disk.
    if (/%00/i.test(path))
      return respondError(res, 400, 'Bad Request: the path holds a NUL character.');
    if (path === CACHE_API_PATH) return void this.serveCacheApi(req, res);
    if (path === HEALTH_PATH) return respondJson(res, 200, { live: true });
    if (path === READY_PATH) return void this.serveReadiness(res);
    const route = cacheRoute(req.method, target, req.headers, this.options.host);
    if (route.kind === 'pass') return void this.passThrough(req, res);
    return void this.serveCacheable(req, res, route);
  };

  private async serveCacheable(
    req: IncomingMessage,
    res: ServerResponse,
    route: Cacheable,
  ): Promise<void> {
    const now = this.clock.now();
    const found = this.cache.lookup(route.key, now);
    if (found) {
      if (!found.fresh) void this.fetch(route).catch(() => undefined);
      const age = String(Math.max(0, Math.floor((now - found.entry.receivedAt) / 1000)));
      const state = found.fresh ? 'HIT' : 'STALE';
      return sendPrepared(req, res, found.entry, ['age', age, 'x-cache', state]);
    }
    try {
      const fresh = await this.fetch(route);
      if (fresh.status >= 500) {
        // Its data could not be loaded (the content database failed): an old copy if there is
        // one, else a page saying so, which a balancer retries on another server.
        const old = this.cache.peek(route.key);
        if (old) return sendPrepared(req, res, old, ['x-cache', 'STALE']);
        return respondBusy(res, req.method);
      }
      sendPrepared(req, res, fresh, ['x-cache', 'MISS']);
    } catch (error) {
      // Next could not answer: an old copy, however stale, is better than an error page.
      const old = this.cache.peek(route.key);
      if (old) return sendPrepared(req, res, old, ['x-cache', 'STALE']);
      this.log(`front server: ${route.upstreamPath}: ${String(error)}`);
      respondError(res, 502, 'Bad Gateway: the page could not be rendered. Try again shortly.');
    }
  }

  /** Asks Next for a cacheable URL once, however many requests wait for it, and keeps the answer. */
  private fetch(route: Cacheable): Promise<PreparedResponse> {
    const pending = this.inflight.get(route.key);
    if (pending) return pending;
    const generation = this.cache.currentGeneration();
    const request = { method: 'GET', url: route.upstreamPath, headers: route.upstreamHeaders };
    const fetched = this.ask(request.method, request.url, request.headers)
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
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
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
      const upstream = await this.ask(method, url, headers, req);
      const prepared = await prepareResponse({ method, url, headers: {} }, upstream, {
        cacheable: false,
        preview: hasCookie(req.headers.cookie, PREVIEW_COOKIE),
        now: this.clock.now(),
        encoding: negotiateEncoding(req.headers['accept-encoding']),
        nonce,
      });
      this.reportForeignScripts(url, prepared);
      sendPrepared(req, res, prepared, ['x-cache', 'BYPASS']);
    } catch (error) {
      this.log(`front server: ${method} ${url}: ${String(error)}`);
      respondError(res, 502, 'Bad Gateway: the request could not be handled. Try again shortly.');
    }
  }

  /**
   * One request to Next. What the app tells this server in the answer (purges, the next
   * publication) is carried out before the answer goes on, whoever made the request.
   */
  private async ask(
    method: string,
    path: string,
    headers: Record<string, string | string[]>,
    body?: IncomingMessage,
  ): Promise<UpstreamResponse> {
    const response = await this.upstream.request(method, path, headers, body);
    const { purge, nextPublication } = appInstructions(response.headers);
    if (purge) {
      await this.coordinator.purge(purge);
      this.log(`front server: purged the cached responses of ${purge.length} changed paths`);
    }
    if (nextPublication !== undefined) this.coordinator.nextPublication(nextPublication);
    return response;
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

  /** `/readyz`: the app's readiness answer, or a 503 when it gives none in time. */
  private async serveReadiness(res: ServerResponse): Promise<void> {
    try {
      const answer = await this.upstream.request(
        'GET',
        READY_PATH,
        { host: this.options.host },
        undefined,
        READY_TIMEOUT_MS,
      );
      let body: unknown;
      try {
        body = JSON.parse(answer.body.toString());
      } catch {
        body = { ready: false, reason: `the app answered ${answer.status} without JSON` };
      }
      respondJson(res, answer.status === 200 ? 200 : 503, body);
    } catch (error) {
      respondJson(res, 503, { ready: false, reason: `the app did not answer: ${String(error)}` });
    }
  }

  /**
   * `GET /api/cache`: the caches' figures, summed over the workers. `DELETE /api/cache`: empties
   * them (Next's own cache is untouched, so pages come back from it without rendering). Both
   * need REVALIDATE_SECRET.
   */
  private async serveCacheApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = this.options.adminToken;
    if (!token) {
      const message = 'The cache API is off on this server: REVALIDATE_SECRET is not set.';
      return respondError(res, 503, message);
    }
    if (!secretMatches(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1], token)) {
      return respondError(res, 401, 'Invalid or missing bearer token.');
    }
    if (req.method === 'DELETE') await this.coordinator.purge(['*'], 'operator');
    else if (req.method !== 'GET') {
      return respondError(res, 405, 'Method Not Allowed: use GET or DELETE.');
    }
    res.writeHead(200, [
      ...securityHeaderList(FILE_POLICY),
      'content-type',
      'application/json',
      'cache-control',
      'private, no-store',
    ]);
    res.end(JSON.stringify(await this.coordinator.stats()));
  }

  close(): void {
    this.upstream.close();
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
