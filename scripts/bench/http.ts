/** Plain HTTP for measuring: one request, no redirects, no connection reuse, body as sent. */
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { XMLParser } from 'fast-xml-parser';

const REQUEST_TIMEOUT_MS = 30_000;

export type Encoding = 'identity' | 'gzip' | 'br';

export interface Fetched {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as it came over the wire (compressed when the server compressed it). */
  wire: Buffer;
  /** The body decoded. */
  body: Buffer;
  /** Milliseconds from sending the request to the last byte. */
  ms: number;
}

const ACCEPT: Record<Encoding, string | undefined> = {
  identity: undefined,
  gzip: 'gzip',
  br: 'gzip, br',
};

export function get(
  url: string,
  encoding: Encoding = 'identity',
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<Fetched> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const accept = ACCEPT[encoding];
    const request = http.get(
      url,
      {
        agent: false,
        timeout: timeoutMs,
        headers: accept ? { 'accept-encoding': accept } : {},
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const wire = Buffer.concat(chunks);
          const sent = response.headers['content-encoding'] ?? 'identity';
          try {
            const body =
              sent === 'gzip'
                ? gunzipSync(wire)
                : sent === 'br'
                  ? brotliDecompressSync(wire)
                  : wire;
            if (sent !== 'identity' && sent !== 'gzip' && sent !== 'br')
              throw new Error(`Content-Encoding ${sent}`);
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              wire,
              body,
              ms: performance.now() - started,
            });
          } catch (error) {
            reject(new Error(`GET ${url} sent a body that cannot be decoded: ${String(error)}`));
          }
        });
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`GET ${url} took over ${timeoutMs / 1000} s`)),
    );
    request.on('error', reject);
  });
}

export async function getOk(
  url: string,
  encoding: Encoding = 'identity',
  timeoutMs?: number,
): Promise<Fetched> {
  const response = await get(url, encoding, timeoutMs);
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return response;
}

export const PAGE_NAMES = ['home', 'article', 'topic', 'offering'] as const;
export type PageName = (typeof PAGE_NAMES)[number];

const xml = new XMLParser({ isArray: (name) => name === 'url' || name === 'sitemap' });

/** Path of a sitemap URL: the sitemap names the configured site, the bench asks 127.0.0.1. */
export function pathOf(loc: string): string {
  const url = new URL(loc);
  return `${url.pathname}${url.search}`;
}

/** Paths of every URL in /sitemap.xml, following a sitemap index to its numbered sitemaps. */
export async function sitemapPaths(origin: string): Promise<string[]> {
  const read = async (path: string) =>
    xml.parse((await getOk(`${origin}${path}`)).body.toString('utf8')) as {
      urlset?: { url: { loc: string }[] };
      sitemapindex?: { sitemap: { loc: string }[] };
    };
  const root = await read('/sitemap.xml');
  if (root.urlset) return root.urlset.url.map((entry) => pathOf(entry.loc));
  const paths: string[] = [];
  for (const sitemap of root.sitemapindex?.sitemap ?? []) {
    paths.push(
      ...((await read(pathOf(sitemap.loc))).urlset?.url ?? []).map((entry) => pathOf(entry.loc)),
    );
  }
  return paths;
}

export function pickPages(paths: string[]): Record<PageName, string> {
  const first = (kind: string, pattern: RegExp) => {
    const found = paths.find((p) => pattern.test(p));
    if (!found) throw new Error(`the sitemap lists no ${kind} page (a path like ${pattern})`);
    return found;
  };
  return {
    home: '/',
    article: first('article', /^\/news\/(?!page\/)[^/]+$/),
    topic: first('topic', /^\/topic\/[^/]+$/),
    offering: first('offering', /^\/offering\/[^/]+$/),
  };
}

/** The article links of /news, read from its HTML: what a reader can open first. */
export async function articlePathsFromNews(origin: string): Promise<string[]> {
  const html = (await getOk(`${origin}/news`)).body.toString('utf8');
  return [
    ...new Set([...html.matchAll(/href="(\/news\/(?!page\/)[^"#?]+)"/g)].map((match) => match[1]!)),
  ];
}
