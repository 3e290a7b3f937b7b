/**
 * An article's `aliases`: old URLs of the story that redirect to it. Only plain paths on this
 * site qualify, never one of the site's own pages; which article an alias goes to when several
 * claim it is decided across files (lib/content/sqlite).
 */
import type { RawArticle } from '../schema';
import {
  AUTHORS_PATH,
  NEWS_PATH,
  OFFERINGS_PATH,
  SEARCH_PATH,
  TOPICS_PATH,
  articlePath,
} from '@/lib/routes';

import type { Collector } from './collector';
import type { AliasClaim } from './reshape';

/** The article's aliases that can be redirects: plain site paths, not pages the site has anyway. */
export function aliasClaims(collect: Collector, raw: RawArticle): AliasClaim[] {
  const listed = Array.isArray((collect.source.data as Record<string, unknown>).aliases);
  const claims = new Map<string, AliasClaim>();
  raw.aliases.forEach((alias, index) => {
    const field = listed ? ['aliases', index] : ['aliases'];
    const path = normalizeAlias(alias);
    const reason = aliasProblem(alias, path, raw.slug);
    if (reason) {
      collect.report(
        'warning',
        `field "aliases": "${alias.slice(0, 120)}" ${reason}; it is ignored`,
        field,
      );
      return;
    }
    if (!claims.has(path)) claims.set(path, { path, at: collect.source.locate(field) });
  });
  return [...claims.values()];
}

const ALIAS_PATH = /^(?:\/[A-Za-z0-9._~-]+)+$/;
/** Paths the site serves itself; an alias may never shadow them. */
const RESERVED_PATHS = new Set([
  '/',
  NEWS_PATH,
  TOPICS_PATH,
  OFFERINGS_PATH,
  AUTHORS_PATH,
  SEARCH_PATH,
  '/feed.xml',
  '/sitemap.xml',
  '/news-sitemap.xml',
  '/robots.txt',
  '/icon.svg',
  '/apple-icon.png',
  '/logo.png',
  '/favicon.ico',
]);
const RESERVED_PREFIXES = [
  '/api/',
  '/media/',
  '/og/',
  '/sitemaps/',
  '/_next/',
  '/news/page/',
  '/offerings/page/',
  '/topics/page/',
  '/authors/page/',
];

function aliasProblem(alias: string, path: string, slug: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(alias))
    return 'points off the site: an alias must be a path on this site such as /news/old-slug';
  if (!alias.startsWith('/')) return 'must be a site-relative path starting with "/"';
  if (alias.length > 300) return 'is longer than 300 characters';
  if (
    !ALIAS_PATH.test(path) ||
    path.split('/').some((segment) => segment === '.' || segment === '..')
  ) {
    return 'must be a plain path of letters, digits, "-", "_", ".", "~" and "/" (no patterns, query strings or fragments)';
  }
  if (path === articlePath(slug)) return "is the article's own URL and would redirect to itself";
  if (RESERVED_PATHS.has(path) || RESERVED_PREFIXES.some((prefix) => path.startsWith(prefix))) {
    return 'is the URL of an existing page';
  }
  return null;
}

function normalizeAlias(alias: string): string {
  const trimmed = alias.trim();
  return trimmed.length > 1 ? trimmed.replace(/\/+$/, '') : trimmed;
}
