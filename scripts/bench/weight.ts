/** What a page weighs: compressed HTML, and the scripts and stylesheets it links. */
import { gzipSync } from 'node:zlib';

import { parse, type DefaultTreeAdapterMap } from 'parse5';

import { getOk, pathOf, type Fetched } from './http';

type Node = DefaultTreeAdapterMap['node'];

export interface PageWeight {
  htmlGzipBytes: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
  scripts: string[];
  stylesheets: string[];
}

/**
 * Bytes a browser asking for gzip receives. A response the server left uncompressed is gzipped
 * here at level 6 (the usual server default), so that every figure is comparable.
 */
function gzipBytes(response: Fetched): number {
  return response.headers['content-encoding'] === 'gzip'
    ? response.wire.length
    : gzipSync(response.body, { level: 6 }).length;
}

/** Same-origin `<script src>` and `<link rel="stylesheet" href>` URLs, each once, in order. */
export function linkedAssets(
  html: string,
  pageUrl: string,
): { scripts: string[]; stylesheets: string[] } {
  const origin = new URL(pageUrl).origin;
  const scripts = new Set<string>();
  const stylesheets = new Set<string>();
  const pending: Node[] = [parse(html)];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if ('childNodes' in node) pending.push(...[...node.childNodes].reverse());
    if (!('tagName' in node)) continue;
    const attr = (name: string) => node.attrs.find((a) => a.name === name)?.value ?? null;
    const rel = (attr('rel') ?? '').toLowerCase().split(/\s+/);
    const ref =
      node.tagName === 'script'
        ? attr('src')
        : node.tagName === 'link' && rel.includes('stylesheet')
          ? attr('href')
          : null;
    if (ref === null) continue;
    const url = new URL(ref, pageUrl);
    // Nothing may be downloaded from elsewhere; the portal links no third-party assets.
    if (url.origin !== origin) throw new Error(`${pageUrl} links ${url.href}, not on ${origin}`);
    (node.tagName === 'script' ? scripts : stylesheets).add(url.href);
  }
  return { scripts: [...scripts], stylesheets: [...stylesheets] };
}

async function sumGzipBytes(urls: string[]): Promise<number> {
  let total = 0;
  for (const url of urls) total += gzipBytes(await getOk(url, 'gzip'));
  return total;
}

export async function pageWeight(origin: string, pathname: string): Promise<PageWeight> {
  const url = `${origin}${pathname}`;
  const page = await getOk(url, 'gzip');
  const { scripts, stylesheets } = linkedAssets(page.body.toString('utf8'), url);
  return {
    htmlGzipBytes: gzipBytes(page),
    jsGzipBytes: await sumGzipBytes(scripts),
    cssGzipBytes: await sumGzipBytes(stylesheets),
    scripts: scripts.map(pathOf),
    stylesheets: stylesheets.map(pathOf),
  };
}
