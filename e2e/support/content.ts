/**
 * Reads the bundled sample content (the folder the browser tests' server is built from, see
 * playwright.config.ts) so tests derive what a page should show from the files themselves
 * instead of repeating it by hand.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse } from 'yaml';

/** The same folder playwright.config.ts hands the server as CONTENT_DIR. */
export const CONTENT_DIR = fileURLToPath(new URL('../../content/', import.meta.url));

type FrontMatter = Record<string, unknown>;

export interface ContentFile {
  /** Path relative to the content folder, e.g. `news/b2d8….mdx`. */
  file: string;
  /** The YAML between the `---` lines, as written (comments included). */
  yaml: string;
  data: FrontMatter;
}

export interface OfferingRef {
  slug: string;
  label: string;
  categories: string[];
}

export interface ContentArticle extends ContentFile {
  slug: string;
  title: string;
  status: string;
  publishedAt: Date;
  modifiedAt: Date;
  categories: string[];
  /** Topic slugs from `categoryUrl` (`topic/<slug>`). */
  topicSlugs: string[];
  offerings: OfferingRef[];
  imageHref: string | null;
  /** Names as the byline lists them. */
  authors: string[];
  /** `link.brand` without `www.`: the source's page is /source/<brand>. */
  brand: string | null;
}

export interface ContentOffering extends ContentFile {
  slug: string;
  title: string;
  vendor: string | null;
  categories: string[];
}

export interface ContentAuthor extends ContentFile {
  name: string;
  /** The URL's slug: the file's own, else the name's. */
  slug: string;
  role: string | null;
  photo: string | null;
}

export interface ContentTopic extends ContentFile {
  slug: string;
  name: string;
  title: string;
  description: string | null;
}

export function readContentFile(file: string): ContentFile {
  const text = readFileSync(path.join(CONTENT_DIR, file), 'utf8');
  const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*\r?$/m.exec(text);
  if (!match?.[1]) throw new Error(`${file} has no front matter block`);
  const data: unknown = parse(match[1]);
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error(`${file}: front matter is not a mapping`);
  }
  return { file, yaml: match[1], data: data as FrontMatter };
}

/** Files the preview tests write while they run (see preview.spec.ts); never sample content. */
export const TEMPORARY_PREFIX = 'e2e-';

function mdxFiles(kind: 'news' | 'offerings' | 'topics' | 'authors'): string[] {
  return readdirSync(path.join(CONTENT_DIR, kind))
    .filter((name) => name.endsWith('.mdx') && !name.startsWith(TEMPORARY_PREFIX))
    .sort()
    .map((name) => `${kind}/${name}`);
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value).replace(/\s+/g, ' ').trim();
}

function list(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(text).filter(Boolean);
}

function date(value: unknown, file: string): Date {
  const raw = text(value);
  const parsed = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(parsed.getTime())) throw new Error(`${file}: "${raw}" is not a date`);
  return parsed;
}

/** `/offering/luscii-platform` -> `luscii-platform`. */
function offeringSlug(permalink: string): string | null {
  return /\/offering\/([^/?#]+)\/?$/.exec(permalink)?.[1] ?? null;
}

export function articles(): ContentArticle[] {
  return mdxFiles('news').map((file) => {
    const source = readContentFile(file);
    const { data } = source;
    const publishedAt = date(data.date, file);
    const image = data.featuredImage as { href?: unknown } | null | undefined;
    const refs = Array.isArray(data.relatedOfferings) ? data.relatedOfferings : [];
    return {
      ...source,
      slug: text(data.slug),
      title: text(data.title),
      status: text(data.status),
      publishedAt,
      modifiedAt: data.lastMod ? date(data.lastMod, file) : publishedAt,
      categories: list(data.categories),
      topicSlugs: list(data.categoryUrl).map((url) =>
        url.replace(/^\/?topic\//, '').replace(/\/$/, ''),
      ),
      offerings: refs.flatMap((ref: Record<string, unknown>) => {
        const slug = offeringSlug(text(ref.permalink));
        return slug ? [{ slug, label: text(ref.label), categories: list(ref.categories) }] : [];
      }),
      imageHref: image?.href ? text(image.href) : null,
      authors: list(data.author),
      brand: text((data.link as { brand?: unknown } | null)?.brand).replace(/^www\./, '') || null,
    };
  });
}

export function articleFromFile(file: string): ContentArticle {
  const article = articles().find((candidate) => candidate.file === file);
  if (!article) throw new Error(`no article file ${file}`);
  return article;
}

/** Published (status empty or `published`) and dated no later than `now`. */
export function isPublic(article: ContentArticle, now = new Date()): boolean {
  return (
    (article.status === '' || article.status === 'published') &&
    article.publishedAt.getTime() <= now.getTime()
  );
}

/** Public articles, newest first, in the order the site lists them. */
export function publicArticles(): ContentArticle[] {
  return articles()
    .filter((article) => isPublic(article))
    .sort(
      (a, b) =>
        b.publishedAt.getTime() - a.publishedAt.getTime() ||
        b.modifiedAt.getTime() - a.modifiedAt.getTime() ||
        a.slug.localeCompare(b.slug),
    );
}

export function offerings(): ContentOffering[] {
  return mdxFiles('offerings').map((file) => {
    const source = readContentFile(file);
    return {
      ...source,
      slug: text(source.data.slug),
      title: text(source.data.title),
      vendor: text(source.data.vendor) || null,
      categories: list(source.data.categories),
    };
  });
}

/** Offerings that public articles name but that have no profile file. */
export function offeringStubs(): OfferingRef[] {
  const profiled = new Set(offerings().map((offering) => offering.slug));
  const stubs = new Map<string, OfferingRef>();
  for (const ref of publicArticles().flatMap((article) => article.offerings)) {
    if (profiled.has(ref.slug)) continue;
    const known = stubs.get(ref.slug);
    stubs.set(ref.slug, {
      ...ref,
      categories: [...new Set([...(known?.categories ?? []), ...ref.categories])],
    });
  }
  return [...stubs.values()];
}

export function topics(): ContentTopic[] {
  return mdxFiles('topics').map((file) => {
    const source = readContentFile(file);
    return {
      ...source,
      slug: text(source.data.slug),
      name: text(source.data.name),
      title: text(source.data.title),
      description: text(source.data.description) || null,
    };
  });
}

export function authorProfiles(): ContentAuthor[] {
  return mdxFiles('authors').map((file) => {
    const source = readContentFile(file);
    const name = text(source.data.name);
    return {
      ...source,
      name,
      slug: text(source.data.slug) || name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      role: text(source.data.role) || null,
      photo: text(source.data.photo) || null,
    };
  });
}

export function newsImageExists(href: string): boolean {
  return existsSync(path.join(CONTENT_DIR, 'news', href));
}
