/**
 * A response from Next, made final: its script policy, security headers, ETag and compressed
 * bodies, computed once. The response cache keeps these; a hit only picks the encoding and
 * writes bytes.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import CachePolicy from 'http-cache-semantics';

import { varyIsKeyed } from './cache-rules';
import {
  compressBodies,
  isCompressible,
  negotiateEncoding,
  type Bodies,
  type Encoding,
} from './compression';
import { inlineScripts } from './script-policy';
import { FILE_POLICY, pagePolicy, SECURITY_HEADERS } from './security-headers';
import type { UpstreamResponse } from './upstream';

export interface PreparedResponse {
  status: number;
  /** Outgoing headers for each encoding this response has a body in, as a flat name/value list. */
  headers: Partial<Record<Encoding, string[]>>;
  bodies: Bodies;
  /** Quoted-string-free tag of the identity body; each encoding's ETag adds a suffix. */
  etag: string;
  /** Set when the response may be kept: fresh until, and servable stale (while refreshed) until. */
  keep: { freshUntil: number; usableUntil: number } | null;
  receivedAt: number;
  /** Bytes held: every body plus an allowance for headers and bookkeeping. */
  size: number;
  /** Inline scripts in the HTML that are not the framework's (they do not run). */
  foreignScripts: string[];
}

/** Headers that describe a connection or a body encoding, not the resource. */
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'content-length',
  'content-encoding',
  'etag',
  'date',
  'vary',
  'x-powered-by',
  'x-nextjs-cache',
]);

/** Set per request or per encoding by `send`, or by the front server. */
const ENCODING_SUFFIX: Record<Encoding, string> = { identity: '', gzip: '-gz', br: '-br' };

export interface PrepareOptions {
  /** The request may be answered from the cache, so the response may be stored. */
  cacheable: boolean;
  /** An editor's preview: never stored anywhere, never indexed. */
  preview: boolean;
  now: number;
  /** For a response sent once: compress only into this encoding. */
  encoding?: Encoding;
  /** The nonce Next was given for a page rendered for this request alone. */
  nonce?: string;
}

/**
 * `request` is what was asked of Next (method and headers), for the caching rules. Headers
 * named `x-portal-*` are the app's instructions to the front server and never go further.
 */
export async function prepareResponse(
  request: { method: string; url: string; headers: Record<string, string> },
  upstream: UpstreamResponse,
  options: PrepareOptions,
): Promise<PreparedResponse> {
  const contentType = headerValue(upstream.headers['content-type']);
  const isHtml = /^text\/html\b/i.test(contentType ?? '');
  const scripts = isHtml ? inlineScripts(upstream.body.toString('utf8'), options.nonce) : null;
  const keep =
    options.cacheable && !options.preview ? keepPolicy(request, upstream, options.now) : null;

  const common: string[] = [];
  for (const [name, value] of Object.entries(upstream.headers)) {
    if (value === undefined || NOT_FORWARDED.has(name) || name in SECURITY_HEADERS) continue;
    if (name.startsWith('x-portal-')) continue;
    if (name === 'cache-control' || name === 'content-security-policy') continue;
    for (const item of Array.isArray(value) ? value : [value]) common.push(name, item);
  }
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) common.push(name, value);
  const upstreamPolicy = headerValue(upstream.headers['content-security-policy']);
  common.push(
    'content-security-policy',
    scripts ? pagePolicy(scripts.hashes, options.nonce) : (upstreamPolicy ?? FILE_POLICY),
  );
  const cacheControl = options.preview
    ? 'private, no-store'
    : keep
      ? publicCacheControl(headerValue(upstream.headers['cache-control']) ?? '')
      : headerValue(upstream.headers['cache-control']);
  if (cacheControl) common.push('cache-control', cacheControl);
  if (options.preview) common.push('x-robots-tag', 'noindex, nofollow');

  const compressible = isCompressible(contentType) && upstream.body.length > 0;
  const vary = mergeVary(headerValue(upstream.headers.vary), compressible);
  if (vary) common.push('vary', vary);

  const bodies: Bodies = compressible
    ? await compressBodies(upstream.body, options.encoding)
    : { identity: upstream.body };
  const etag = createHash('sha256').update(upstream.body).digest('base64url').slice(0, 27);
  const headers: PreparedResponse['headers'] = {};
  let size = 1024;
  for (const encoding of ['identity', 'gzip', 'br'] as const) {
    const body = bodies[encoding];
    if (!body) continue;
    size += body.length;
    const list = [...common, 'etag', `"${etag}${ENCODING_SUFFIX[encoding]}"`];
    if (encoding !== 'identity') list.push('content-encoding', encoding);
    list.push('content-length', String(body.length));
    headers[encoding] = list;
  }
  return {
    status: upstream.status,
    headers,
    bodies,
    etag,
    keep,
    receivedAt: options.now,
    size,
    foreignScripts: scripts?.foreign ?? [],
  };
}

/**
 * When a shared cache may keep this response, by its own Cache-Control and Vary (through
 * http-cache-semantics), and only for a complete 200 that sets no cookie.
 */
function keepPolicy(
  request: { method: string; url: string; headers: Record<string, string> },
  upstream: UpstreamResponse,
  now: number,
): PreparedResponse['keep'] {
  if (upstream.status !== 200 || upstream.headers['set-cookie']) return null;
  if (!varyIsKeyed(headerValue(upstream.headers.vary))) return null;
  const policy = new CachePolicy(
    { method: request.method, url: request.url, headers: request.headers },
    { status: upstream.status, headers: upstream.headers },
    { shared: true },
  );
  const fresh = Math.max(0, (policy.maxAge() - policy.age()) * 1000);
  const usable = policy.timeToLive();
  if (!policy.storable() || usable <= 0) return null;
  return { freshUntil: now + fresh, usableUntil: now + Math.max(fresh, usable) };
}

/**
 * What a browser or CDN is told: the page's own freshness for shared caches (`s-maxage`,
 * `stale-while-revalidate`), made explicitly `public`, and `max-age=0` for browsers that were
 * told nothing, so that they revalidate (a 304) and see a change as soon as the cache does.
 */
export function publicCacheControl(upstream: string): string {
  const directives = upstream
    .split(',')
    .map((directive) => directive.trim())
    .filter(Boolean);
  const names = new Set(directives.map((directive) => directive.split('=')[0]!.toLowerCase()));
  if (!names.has('public')) directives.unshift('public');
  if (!names.has('max-age')) directives.splice(1, 0, 'max-age=0');
  return directives.join(', ');
}

function mergeVary(upstream: string | undefined, addEncoding: boolean): string | undefined {
  const names = (upstream ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (addEncoding && !names.some((name) => name.toLowerCase() === 'accept-encoding')) {
    names.push('Accept-Encoding');
  }
  return names.length > 0 ? names.join(', ') : undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Writes a prepared response in the encoding the request accepts, or a 304 when the request
 * already holds it. `extra` is appended to the headers (e.g. `age`, `x-cache`).
 */
export function sendPrepared(
  req: IncomingMessage,
  res: ServerResponse,
  prepared: PreparedResponse,
  extra: string[],
): void {
  const encoding = pickEncoding(prepared, req.headers['accept-encoding']);
  const headers = prepared.headers[encoding]!;
  if (prepared.status === 200 && etagMatches(req.headers['if-none-match'], prepared.etag)) {
    res.writeHead(304, withoutBodyHeaders(headers).concat(extra));
    res.end();
    return;
  }
  res.writeHead(prepared.status, extra.length > 0 ? headers.concat(extra) : headers);
  res.end(req.method === 'HEAD' ? undefined : prepared.bodies[encoding]);
}

function pickEncoding(prepared: PreparedResponse, acceptEncoding: string | undefined): Encoding {
  const wanted = negotiateEncoding(acceptEncoding);
  return prepared.bodies[wanted] ? wanted : 'identity';
}

/** If-None-Match uses weak comparison: any encoding of the same bytes matches. */
function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return tag === etag || tag === `${etag}-gz` || tag === `${etag}-br`;
  });
}

function withoutBodyHeaders(headers: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i]!;
    if (name === 'content-length' || name === 'content-encoding' || name === 'content-type')
      continue;
    kept.push(name, headers[i + 1]!);
  }
  return kept;
}
