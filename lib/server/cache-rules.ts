/**
 * Which requests the response cache answers, under which key, and what of them reaches Next.
 *
 * A cached response may be sent to anyone who asks for the same URL, so nothing that only one
 * reader sends may shape it: a cacheable request is forwarded to Next with a fixed Host, no
 * cookies, no forwarding headers and no query string beyond Next's own `_rsc`. What Next's
 * answer varies on (its `Vary`: the router headers of client navigations) is part of the key,
 * so a navigation's RSC payload and a prefetch are entries of their own and never the page.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Next's Draft Mode cookie: an editor's preview, rendered for them alone. */
export const PREVIEW_COOKIE = '__prerender_bypass';

/**
 * Request headers Next's App Router varies on. Any of them present makes a different variant;
 * a plain page request has none.
 */
export const VARIANT_HEADERS = [
  'rsc',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-router-state-tree',
  'next-url',
] as const;

/** What a stored response may vary on: the variant headers, and the encoding we choose. */
const STORABLE_VARY = new Set<string>([...VARIANT_HEADERS, 'accept-encoding']);

/** Rendered per request, for one reader: search results, the editors' page, every API. */
const PER_REQUEST = [/^\/api(\/|$)/, /^\/search\/?$/, /^\/editor\/?$/, /^\/_next\/image\/?$/];

export type CacheRoute =
  | { kind: 'pass' }
  | {
      kind: 'cache';
      key: string;
      /** The path without query, for purging. */
      path: string;
      /** What is asked of Next on a miss: the normalised URL and headers. */
      upstreamPath: string;
      upstreamHeaders: Record<string, string>;
    };

/**
 * `pathAndQuery` is the request target as received (`/news/x?utm=1`). `host` is what Next is
 * told it is serving, whatever the request said.
 */
export function cacheRoute(
  method: string | undefined,
  pathAndQuery: string,
  headers: IncomingHttpHeaders,
  host: string,
): CacheRoute {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'pass' };
  const queryAt = pathAndQuery.indexOf('?');
  const path = queryAt === -1 ? pathAndQuery : pathAndQuery.slice(0, queryAt);
  if (PER_REQUEST.some((pattern) => pattern.test(path))) return { kind: 'pass' };
  if (headers.authorization !== undefined || hasCookie(headers.cookie, PREVIEW_COOKIE)) {
    return { kind: 'pass' };
  }

  const upstreamHeaders: Record<string, string> = { host, 'accept-encoding': 'identity' };
  let variant = '';
  for (const name of VARIANT_HEADERS) {
    const value = headers[name];
    if (typeof value !== 'string') continue;
    upstreamHeaders[name] = value;
    variant += `\n${name}:${value}`;
  }
  // Next answers an RSC request only when `_rsc` matches its router headers, and ignores the
  // query of every page the cache holds: every other parameter is dropped, so it makes no entry.
  const rsc =
    headers.rsc !== undefined && queryAt !== -1 ? rscParam(pathAndQuery.slice(queryAt + 1)) : null;
  const upstreamPath = rsc === null ? path : `${path}?_rsc=${encodeURIComponent(rsc)}`;
  return { kind: 'cache', key: upstreamPath + variant, path, upstreamPath, upstreamHeaders };
}

function rscParam(query: string): string | null {
  return new URLSearchParams(query).get('_rsc');
}

/** Whether a response that varies on `vary` can be stored under a key made by cacheRoute. */
export function varyIsKeyed(vary: string | undefined): boolean {
  if (!vary) return true;
  return vary.split(',').every((name) => STORABLE_VARY.has(name.trim().toLowerCase()));
}

export function hasCookie(cookieHeader: string | undefined, name: string): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(';').some((pair) => pair.trimStart().startsWith(`${name}=`));
}
