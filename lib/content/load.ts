import fs from 'node:fs/promises';
import path from 'node:path';

import { listMdxFiles, mediaUrl, resolveImageFile, type ContentKind } from './files';
import type { Location, ParsedSource } from './front-matter';
import { FileCache } from './parse-file';
import { sortProblems, type ContentProblem, type Severity } from './problems';
import {
  imageSchema,
  offeringRefSchema,
  slugSchema,
  type RawArticle,
  type RawAuthor,
  type RawTopic,
} from './schema';
import { brandSlug, fixMojibake, slugify, squashWhitespace, tidySummary } from './text';
import type {
  Article,
  Author,
  AuthorRef,
  CompiledBody,
  ImageAsset,
  MetaOverrides,
  Offering,
  SourceLink,
  Topic,
  TopicRef,
} from './types';

/** Everything the site knows about one content folder, built once per process. */
export interface ContentStore {
  dir: string;
  /** Every article that loaded, drafts and scheduled ones included, newest first. */
  articles: Article[];
  articlesBySlug: Map<string, Article>;
  topics: Map<string, Topic>;
  offerings: Map<string, Offering>;
  /** Profiles, and every author an article names, by slug. */
  authors: Map<string, Author>;
  /**
   * Media key (`news/photo.jpeg`) -> the image file content references, and who references
   * it: article slugs, or PUBLIC_OWNER for topics and offerings, which are always public.
   */
  assets: Map<string, { absolute: string; owners: Set<string> }>;
  /** Old path (`/news/old-slug`) -> slug of the article it now redirects to. */
  aliases: Map<string, string>;
  problems: ContentProblem[];
  /** Files (relative) parsed afresh or gone since the cache last saw the folder. */
  changedFiles: string[];
}

const WORDS_PER_MINUTE = 230;
const DEFAULT_IMAGE_SIZE: [number, number] = [630, 1200];
/** An author's photo is shown cropped to a square, whatever its size. */
const PHOTO_SIZE = 400;

/**
 * Reads, validates and reshapes a content folder. A file with an error is reported and
 * left out; everything else loads. Throws only when the folder itself is unusable.
 */
export async function loadContent(dir: string, cache = new FileCache()): Promise<ContentStore> {
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat?.isDirectory()) {
    throw new Error(
      `Content folder "${dir}" does not exist. Set CONTENT_DIR to a folder with news/, topics/, offerings/ and optionally authors/ (see docs/content.md).`,
    );
  }
  const loader = new Loader(dir, cache);
  await loader.loadTopics();
  await loader.loadOfferings();
  await loader.loadAuthors();
  await loader.loadArticles();
  loader.checkAliases();
  loader.checkAuthors();
  for (const removed of cache.keepOnly(dir, loader.seen)) loader.changed.add(path.relative(dir, removed).split(path.sep).join('/'));
  return loader.result();
}

/** A file being assembled; `owner` is who its images belong to (see ContentStore.assets). */
type Source = { file: string; parsed: ParsedSource; owner: string };

/** Owner of images used by topics, offerings and authors, which have no draft state. */
export const PUBLIC_OWNER = '*';

class Loader {
  private readonly problems: ContentProblem[] = [];
  private readonly assets: ContentStore['assets'] = new Map();
  private readonly topics = new Map<string, Topic>();
  private readonly topicsByName = new Map<string, Topic>();
  private readonly offerings = new Map<string, Offering>();
  private readonly offeringsById = new Map<number, Offering>();
  private readonly authors = new Map<string, Author>();
  /** Profiles by their name's slug, so that "athira ravi" in a byline finds "Athira Ravi". */
  private readonly profilesByName = new Map<string, Author>();
  /** Where each profile's name is written, for reporting a profile no article names. */
  private readonly profileNames = new Map<Author, Location>();
  private readonly namedAuthors = new Set<string>();
  private readonly sourceBrands = new Set<string>();
  private readonly articles: Article[] = [];
  private readonly articlesBySlug = new Map<string, Article>();
  private readonly aliases = new Map<string, string>();
  /** Where each article's aliases sit in its file, for reporting them after loading. */
  private readonly aliasLocations = new Map<Article, Location[]>();

  /** Absolute paths of the files this load looked at. */
  readonly seen = new Set<string>();
  readonly changed = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly cache: FileCache,
  ) {}

  /** The file's own parse (cached while it is unchanged), its problems taken over. */
  private async parse<K extends ContentKind>(file: string, kind: K) {
    this.seen.add(path.join(this.dir, file));
    const parsed = await this.cache.parse(this.dir, file, kind, (changed) => this.changed.add(changed));
    this.problems.push(...parsed.problems);
    if (!parsed.ok) return null;
    const owner = kind === 'news' ? (parsed.raw as RawArticle).slug : PUBLIC_OWNER;
    for (const image of parsed.images) if (image.key && image.absolute) this.addAsset(image.key, image.absolute, owner);
    return { ...parsed, source: { file, parsed: parsed.source, owner } satisfies Source };
  }

  private addAsset(key: string, absolute: string, owner: string): void {
    const asset = this.assets.get(key) ?? { absolute, owners: new Set<string>() };
    asset.owners.add(owner);
    this.assets.set(key, asset);
  }

  result(): ContentStore {
    this.articles.sort(
      (a, b) =>
        b.publishedAt.localeCompare(a.publishedAt) ||
        b.modifiedAt.localeCompare(a.modifiedAt) ||
        a.slug.localeCompare(b.slug),
    );
    return {
      dir: this.dir,
      articles: this.articles,
      articlesBySlug: this.articlesBySlug,
      topics: this.topics,
      offerings: this.offerings,
      authors: this.authors,
      assets: this.assets,
      aliases: this.aliases,
      problems: sortProblems(this.problems),
      changedFiles: [...this.changed].sort(),
    };
  }

  async loadTopics(): Promise<void> {
    for (const file of await listMdxFiles(this.dir, 'topics')) {
      const parsed = await this.parse(file, 'topics');
      if (!parsed) continue;
      const { raw, source, body } = parsed;
      const existing = this.topics.get(raw.slug);
      if (existing) {
        this.report(file, 'error', `slug "${raw.slug}" is already used by ${existing.file}; this topic is skipped`, source.parsed.locate(['slug']));
        continue;
      }
      const topic = this.reshapeTopic(file, raw, body);
      this.topics.set(topic.slug, topic);
      this.topicsByName.set(topic.name, topic);
    }
  }

  async loadOfferings(): Promise<void> {
    for (const file of await listMdxFiles(this.dir, 'offerings')) {
      const parsed = await this.parse(file, 'offerings');
      if (!parsed) continue;
      const { raw, source, body } = parsed;
      const existing = this.offerings.get(raw.slug);
      if (existing) {
        this.report(file, 'error', `slug "${raw.slug}" is already used by ${existing.file}; this offering is skipped`, source.parsed.locate(['slug']));
        continue;
      }
      const offering: Offering = {
        slug: raw.slug,
        title: fixMojibake(raw.title),
        offeringId: raw.offeringId ?? null,
        vendor: raw.vendor ? fixMojibake(raw.vendor) : null,
        website: this.httpUrl(source, ['website'], raw.website),
        description: raw.description ? tidySummary(fixMojibake(raw.description)) : null,
        topics: this.topicRefs(raw.categories.map((name) => ({ name }))),
        image: this.image(source, 'offerings', [400, 600]),
        hasProfile: true,
        file,
        body,
      };
      this.offerings.set(offering.slug, offering);
      if (offering.offeringId !== null) this.offeringsById.set(offering.offeringId, offering);
    }
  }

  async loadAuthors(): Promise<void> {
    for (const file of await listMdxFiles(this.dir, 'authors')) {
      const parsed = await this.parse(file, 'authors');
      if (!parsed) continue;
      const { raw, source, body } = parsed;
      const name = squashWhitespace(fixMojibake(raw.name));
      const slug = raw.slug ?? slugify(name);
      if (!slug) {
        this.report(file, 'error', `field "slug": the name "${name}" makes no slug; give the profile a slug; the file is skipped`, source.parsed.locate(['name']));
        continue;
      }
      const existing = this.authors.get(slug);
      if (existing) {
        this.report(file, 'error', `slug "${slug}" is already used by ${existing.file}; this author is skipped`, source.parsed.locate([raw.slug ? 'slug' : 'name']));
        continue;
      }
      const author: Author = {
        slug,
        name,
        role: raw.role ? fixMojibake(raw.role) : null,
        photo: this.photo(source, raw, name),
        links: raw.links.flatMap((link, index) => this.httpUrl(source, ['links', index], link) ?? []),
        hasProfile: true,
        file,
        body,
      };
      this.authors.set(slug, author);
      this.profilesByName.set(slugify(name), author);
      this.profileNames.set(author, source.parsed.locate(['name']));
    }
  }

  /** A profile no article names is still shown, but is most likely a misspelt name. */
  checkAuthors(): void {
    for (const [author, at] of this.profileNames) {
      if (this.namedAuthors.has(author.slug)) continue;
      this.report(author.file!, 'warning', `author "${author.name}" is named by no article in news/; the profile is still shown at /author/${author.slug}`, at);
    }
  }

  /** The author an article's byline names: a profile with that name, else one built from the name. */
  private authorRef(name: string): AuthorRef {
    const key = slugify(name);
    const profile = this.profilesByName.get(key);
    const slug = profile?.slug ?? (key || null);
    if (slug === null) return { name, slug };
    this.namedAuthors.add(slug);
    if (!this.authors.has(slug)) {
      this.authors.set(slug, { slug, name, role: null, photo: null, links: [], hasProfile: false, file: null, body: null });
    }
    return { name, slug };
  }

  async loadArticles(): Promise<void> {
    for (const file of await listMdxFiles(this.dir, 'news')) {
      const parsed = await this.parse(file, 'news');
      if (!parsed?.body) continue;
      const { raw, source, body, status } = parsed;
      const existing = this.articlesBySlug.get(raw.slug);
      if (existing) {
        this.report(file, 'error', `slug "${raw.slug}" is already used by ${existing.file}; this article is skipped`, source.parsed.locate(['slug']));
        continue;
      }
      const article = this.reshapeArticle(source, raw, status, body);
      const aliasesAreList = Array.isArray((source.parsed.data as Record<string, unknown>).aliases);
      this.aliasLocations.set(
        article,
        raw.aliases.map((_, index) => source.parsed.locate(aliasesAreList ? ['aliases', index] : ['aliases'])),
      );
      this.articles.push(article);
      this.articlesBySlug.set(article.slug, article);
    }
  }

  /**
   * Keeps each article's aliases that can safely redirect to it; reports and drops the rest.
   * Runs after every file has loaded, so collisions with any real page are known.
   */
  checkAliases(): void {
    for (const article of [...this.articles].sort((a, b) => a.file.localeCompare(b.file))) {
      const kept: string[] = [];
      article.aliases.forEach((alias, index) => {
        const reason = this.aliasProblem(alias, article);
        if (reason) {
          const at = this.aliasLocations.get(article)?.[index] ?? { line: 1, column: 1 };
          this.report(article.file, 'warning', `field "aliases": "${alias.slice(0, 120)}" ${reason}; it is ignored`, at);
          return;
        }
        const path = normalizeAlias(alias);
        this.aliases.set(path, article.slug);
        kept.push(path);
      });
      article.aliases = kept;
    }
  }

  private aliasProblem(alias: string, article: Article): string | null {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(alias)) return 'points off the site: an alias must be a path on this site such as /news/old-slug';
    if (!alias.startsWith('/')) return 'must be a site-relative path starting with "/"';
    if (alias.length > 300) return 'is longer than 300 characters';
    const path = normalizeAlias(alias);
    if (!ALIAS_PATH.test(path) || path.split('/').some((segment) => segment === '.' || segment === '..')) {
      return 'must be a plain path of letters, digits, "-", "_", ".", "~" and "/" (no patterns, query strings or fragments)';
    }
    if (path === `/news/${article.slug}`) return 'is the article\'s own URL and would redirect to itself';
    const owner = this.aliases.get(path);
    if (owner !== undefined) return `is already an alias of /news/${owner}`;
    if (this.isRealPage(path)) return 'is the URL of an existing page';
    return null;
  }

  private isRealPage(path: string): boolean {
    if (RESERVED_PATHS.has(path) || RESERVED_PREFIXES.some((prefix) => path.startsWith(prefix))) return true;
    const [, section, slug] = path.split('/');
    if (!slug) return false;
    if (section === 'news') return this.articlesBySlug.has(slug) || slug === 'page';
    if (section === 'topic') return this.topics.has(slug);
    if (section === 'offering') return this.offerings.has(slug);
    if (section === 'offerings') return slug === 'page';
    if (section === 'author') return this.authors.has(slug);
    if (section === 'source') return this.sourceBrands.has(slug);
    return false;
  }

  private reshapeTopic(file: string, raw: RawTopic, body: CompiledBody | null): Topic {
    const name = fixMojibake(raw.name);
    return {
      slug: raw.slug,
      name,
      label: fixMojibake(raw.title ?? labelOf(name)),
      description: raw.description ? tidySummary(fixMojibake(raw.description)) : null,
      hasProfile: true,
      file,
      body,
    };
  }

  private reshapeArticle(source: Source, raw: RawArticle, status: Article['status'], body: CompiledBody): Article {
    const title = squashWhitespace(fixMojibake(raw.title));
    const publishedAt = raw.date.toISOString();
    const modified = raw.lastMod && raw.lastMod >= raw.date ? raw.lastMod : raw.date;
    const topics = this.articleTopics(source, raw);
    const words = body.text ? body.text.split(' ').length : 0;
    return {
      slug: raw.slug,
      file: source.file,
      title,
      description: tidySummary(fixMojibake(raw.description ?? '')) || tidySummary(body.text.slice(0, 300)),
      publishedAt,
      modifiedAt: modified.toISOString(),
      authors: raw.author.map((name) => this.authorRef(squashWhitespace(fixMojibake(name)))),
      image: this.image(source, 'news', DEFAULT_IMAGE_SIZE, title),
      source: this.sourceLink(source, raw, topics),
      topics,
      tags: [...new Set(raw.tags.map((tag) => fixMojibake(tag)))],
      offerings: this.offeringRefs(source, raw),
      aliases: raw.aliases,
      status,
      meta: metaOverrides(raw),
      readingMinutes: Math.max(1, Math.round(words / WORDS_PER_MINUTE)),
      body,
    };
  }

  /** Topics named by an article: `categories[i]` with `categoryUrl[i]` and `categoryLabel[i]`. */
  private articleTopics(source: Source, raw: RawArticle): TopicRef[] {
    const wanted = raw.categories.map((name, index) => {
      const url = raw.categoryUrl[index];
      const match = url ? /^\/?topic\/([^/]+)\/?$/.exec(url) : null;
      if (url && !match) {
        this.report(source.file, 'warning', `field "categoryUrl[${index}]": expected "topic/<slug>", got "${url}"`, source.parsed.locate(['categoryUrl', index]));
      }
      const slug = match?.[1] && slugSchema.safeParse(match[1]).success ? match[1] : undefined;
      return { name, slug, label: raw.categoryLabel[index], at: { source, path: ['categories', index] } };
    });
    return this.topicRefs(wanted);
  }

  /**
   * Finds or creates the topic for each name; a topic without a file is built from the
   * reference, and the first file that names it hears about it (`at`).
   */
  private topicRefs(
    wanted: Array<{ name: string; slug?: string; label?: string; at?: { source: Source; path: (string | number)[] } }>,
  ): TopicRef[] {
    const refs = new Map<string, TopicRef>();
    for (const { name: rawName, slug, label, at } of wanted) {
      const name = fixMojibake(rawName);
      const known = (slug && this.topics.get(slug)) || this.topicsByName.get(name);
      const topic =
        known ??
        this.addDerivedTopic({
          slug: slug ?? slugify(name),
          name,
          label: label ? fixMojibake(label) : labelOf(name),
        });
      if (!known && topic.slug && at) {
        this.report(
          at.source.file,
          'warning',
          `topic "${name}" has no file in topics/; its page /topic/${topic.slug} is built from the content that names it`,
          at.source.parsed.locate(at.path),
        );
      }
      if (topic.slug) refs.set(topic.slug, { slug: topic.slug, name: topic.name, label: topic.label });
    }
    return [...refs.values()];
  }

  private addDerivedTopic(ref: TopicRef): Topic {
    const topic: Topic = { ...ref, description: null, hasProfile: false, file: null, body: null };
    if (!ref.slug) return topic;
    this.topics.set(ref.slug, topic);
    this.topicsByName.set(ref.name, topic);
    return topic;
  }

  /** Resolves `relatedOfferings` to offering slugs, creating pages for offerings without a profile. */
  private offeringRefs(source: Source, raw: RawArticle): string[] {
    const slugs = new Set<string>();
    (raw.relatedOfferings ?? []).forEach((item, index) => {
      const parsed = offeringRefSchema.safeParse(item);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        this.report(
          source.file,
          'warning',
          `field "relatedOfferings[${index}]${issue?.path.length ? `.${issue.path.join('.')}` : ''}": ${issue?.message ?? 'invalid'}; the reference is ignored`,
          source.parsed.locate(['relatedOfferings', index, ...(issue?.path ?? [])]),
        );
        return;
      }
      const ref = parsed.data;
      const fromPermalink = ref.permalink ? /^(?:https?:\/\/[^/]+)?\/offering\/([^/?#]+)\/?$/.exec(ref.permalink)?.[1] : undefined;
      const permalinkSlug = fromPermalink && slugSchema.safeParse(fromPermalink).success ? fromPermalink : undefined;
      const known =
        (permalinkSlug && this.offerings.get(permalinkSlug)) ||
        (ref.offeringId != null ? this.offeringsById.get(ref.offeringId) : undefined);
      if (known) {
        slugs.add(known.slug);
        return;
      }
      const slug = permalinkSlug ?? slugify(ref.label);
      if (!slug) return;
      const label = squashWhitespace(fixMojibake(ref.label));
      const stub = this.offerings.get(slug);
      const topics = this.topicRefs(ref.categories.map((name) => ({ name })));
      if (stub) {
        const merged = new Map([...stub.topics, ...topics].map((topic) => [topic.slug, topic]));
        stub.topics = [...merged.values()];
      } else {
        this.report(
          source.file,
          'warning',
          `offering "${label}" has no profile in offerings/; its page /offering/${slug} is built from this reference`,
          source.parsed.locate(['relatedOfferings', index]),
        );
        this.offerings.set(slug, {
          slug,
          title: label,
          offeringId: ref.offeringId ?? null,
          vendor: null,
          website: null,
          description: null,
          topics,
          image: null,
          hasProfile: false,
          file: null,
          body: null,
        });
      }
      slugs.add(slug);
    });
    return [...slugs];
  }

  private sourceLink(source: Source, raw: RawArticle, topics: TopicRef[]): SourceLink | null {
    const url = this.httpUrl(source, ['link', 'original'], raw.link?.original ?? raw.link?.href ?? null);
    if (!url) return null;
    const host = new URL(url).hostname.replace(/^www\./, '');
    const brand = raw.link?.brand?.replace(/^www\./, '') || host;
    const slug = brandSlug(brand) || brandSlug(host);
    this.sourceBrands.add(slug);
    // Topic names carry the publication's name ("Healthcare IT News: Digital Health");
    // use it when it spells the brand's domain ("healthcareitnews.com").
    const squashedBrand = brand.split('.')[0]?.toLowerCase() ?? '';
    const fromTopics = topics
      .map((topic) => topic.name.split(':')[0]?.trim() ?? '')
      .find((prefix) => prefix && prefix.replace(/[^a-z0-9]/gi, '').toLowerCase() === squashedBrand);
    return { name: fromTopics ?? brand, brand: slug, url };
  }

  private httpUrl(source: Source, field: (string | number)[], value: string | null): string | null {
    if (!value) return null;
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
    } catch {
      // reported below
    }
    this.report(source.file, 'warning', `field "${field.join('.')}": "${value.slice(0, 80)}" is not an http(s) URL; it is ignored`, source.parsed.locate(field));
    return null;
  }

  private photo(source: Source, raw: RawAuthor, name: string): ImageAsset | null {
    if (!raw.photo) return null;
    const file = resolveImageFile(this.dir, 'authors', raw.photo);
    if (!file) {
      this.report(source.file, 'warning', `field "photo": image "${raw.photo}" is not a file beside ${path.posix.basename(source.file)}; initials are shown`, source.parsed.locate(['photo']));
      return null;
    }
    this.addAsset(file.key, file.absolute, source.owner);
    return { src: mediaUrl(file.key), alt: name, width: PHOTO_SIZE, height: PHOTO_SIZE };
  }

  private image(source: Source, kind: ContentKind, fallbackSize: [number, number], fallbackAlt = ''): ImageAsset | null {
    const data = source.parsed.data as Record<string, unknown>;
    const parsed = imageSchema.safeParse(data.featuredImage);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.report(
        source.file,
        'warning',
        `field "featuredImage${issue?.path.length ? `.${issue.path.join('.')}` : ''}": ${issue?.message ?? 'invalid'}; the image is not shown`,
        source.parsed.locate(['featuredImage', ...(issue?.path ?? [])]),
      );
      return null;
    }
    if (!parsed.data) return null;
    const { href, alt, size } = parsed.data;
    const file = resolveImageFile(this.dir, kind, href);
    if (!file) {
      this.report(
        source.file,
        'warning',
        `field "featuredImage.href": image "${href}" is not a file beside ${path.posix.basename(source.file)}; a placeholder is shown`,
        source.parsed.locate(['featuredImage', 'href']),
      );
      return null;
    }
    this.addAsset(file.key, file.absolute, source.owner);
    const [height, width] = size ?? fallbackSize;
    return {
      src: mediaUrl(file.key),
      alt: squashWhitespace(fixMojibake(alt ?? fallbackAlt)),
      width: width ?? fallbackSize[1],
      height: height ?? fallbackSize[0],
    };
  }

  private report(file: string, severity: Severity, message: string, at: { line: number; column: number }): void {
    this.problems.push({ file, line: at.line, column: at.column, severity, message });
  }
}

const ALIAS_PATH = /^(?:\/[A-Za-z0-9._~-]+)+$/;
/** Paths the site serves itself; an alias may never shadow them. */
const RESERVED_PATHS = new Set(['/', '/news', '/topics', '/offerings', '/authors', '/search', '/feed.xml', '/sitemap.xml', '/news-sitemap.xml', '/robots.txt', '/icon.svg', '/apple-icon.png', '/logo.png', '/favicon.ico']);
const RESERVED_PREFIXES = ['/api/', '/media/', '/og/', '/sitemaps/', '/_next/', '/news/page/', '/offerings/page/'];

function normalizeAlias(alias: string): string {
  const trimmed = alias.trim();
  return trimmed.length > 1 ? trimmed.replace(/\/+$/, '') : trimmed;
}

/** `Medigy: Social Care` -> `Social Care`. */
function labelOf(name: string): string {
  const afterColon = name.split(':').slice(1).join(':').trim();
  return afterColon || name;
}

function metaOverrides(raw: RawArticle): MetaOverrides {
  const pick = (record: Record<string, unknown> | null | undefined, key: string): string | null => {
    const value = record && Object.hasOwn(record, key) ? record[key] : null;
    return typeof value === 'string' && value.trim() ? squashWhitespace(fixMojibake(value)) : null;
  };
  const { openGraphMetaData: og, twitterMetaData: twitter, htmlMetaData: html } = raw;
  // The pipeline also copies some Open Graph values into htmlMetaData (`ogtitle`, ...);
  // openGraphMetaData wins where both are set.
  const openGraph = (key: string) => pick(og, key) ?? pick(html, key);
  return {
    html: {
      description: pick(html, 'description'),
      keywords: pick(html, 'keywords'),
      robots: pick(html, 'robots'),
      author: pick(html, 'author'),
    },
    openGraph: {
      title: openGraph('ogtitle'),
      description: openGraph('ogdescription'),
      image: openGraph('ogimage'),
      url: openGraph('ogurl'),
      siteName: openGraph('ogsite_name'),
      type: openGraph('ogtype'),
    },
    twitter: {
      card: pick(twitter, 'twittercard'),
      title: pick(twitter, 'twittertitle'),
      description: pick(twitter, 'twitterdescription'),
      image: pick(twitter, 'twitterimage'),
    },
  };
}
