import fs from 'node:fs/promises';
import path from 'node:path';

import type { z } from 'zod';

import { compileBody } from './body';
import { listMdxFiles, mediaUrl, resolveImageFile, type ContentKind } from './files';
import { parseSource, type ParsedSource } from './front-matter';
import { ContentError, sortProblems, type ContentProblem, type Severity } from './problems';
import {
  imageSchema,
  offeringRefSchema,
  rawArticleSchema,
  rawOfferingSchema,
  rawTopicSchema,
  slugSchema,
  type RawArticle,
  type RawTopic,
} from './schema';
import { fixMojibake, slugify, squashWhitespace, tidySummary } from './text';
import type {
  Article,
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
  /** Media key (`news/photo.jpeg`) -> absolute path of an image the content references. */
  assets: Map<string, string>;
  problems: ContentProblem[];
}

const WORDS_PER_MINUTE = 230;
const DEFAULT_IMAGE_SIZE: [number, number] = [630, 1200];

/**
 * Reads, validates and reshapes a content folder. A file with an error is reported and
 * left out; everything else loads. Throws only when the folder itself is unusable.
 */
export async function loadContent(dir: string): Promise<ContentStore> {
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat?.isDirectory()) {
    throw new Error(
      `Content folder "${dir}" does not exist. Set CONTENT_DIR to a folder with news/, topics/ and offerings/ (see CONTENT.md).`,
    );
  }
  const loader = new Loader(dir);
  await loader.loadTopics();
  await loader.loadOfferings();
  await loader.loadArticles();
  return loader.result();
}

type Source = { file: string; parsed: ParsedSource };

class Loader {
  private readonly problems: ContentProblem[] = [];
  private readonly assets = new Map<string, string>();
  private readonly topics = new Map<string, Topic>();
  private readonly topicsByName = new Map<string, Topic>();
  private readonly offerings = new Map<string, Offering>();
  private readonly offeringsById = new Map<number, Offering>();
  private readonly articles: Article[] = [];
  private readonly articlesBySlug = new Map<string, Article>();

  constructor(private readonly dir: string) {}

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
      assets: this.assets,
      problems: sortProblems(this.problems),
    };
  }

  async loadTopics(): Promise<void> {
    for (const file of await listMdxFiles(this.dir, 'topics')) {
      const source = await this.read(file);
      const raw = source && this.validate(source, rawTopicSchema);
      if (!source || !raw) continue;
      const existing = this.topics.get(raw.slug);
      if (existing) {
        this.report(file, 'error', `slug "${raw.slug}" is already used by ${existing.file}; this topic is skipped`, source.parsed.locate(['slug']));
        continue;
      }
      const body = await this.compile(source, 'topics');
      if (body === undefined) continue;
      const topic = this.reshapeTopic(file, raw, body);
      this.topics.set(topic.slug, topic);
      this.topicsByName.set(topic.name, topic);
    }
  }

  async loadOfferings(): Promise<void> {
    for (const file of await listMdxFiles(this.dir, 'offerings')) {
      const source = await this.read(file);
      const raw = source && this.validate(source, rawOfferingSchema);
      if (!source || !raw) continue;
      const existing = this.offerings.get(raw.slug);
      if (existing) {
        this.report(file, 'error', `slug "${raw.slug}" is already used by ${existing.file}; this offering is skipped`, source.parsed.locate(['slug']));
        continue;
      }
      const body = await this.compile(source, 'offerings');
      if (body === undefined) continue;
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

  async loadArticles(): Promise<void> {
    for (const file of await listMdxFiles(this.dir, 'news')) {
      const source = await this.read(file);
      const raw = source && this.validate(source, rawArticleSchema);
      if (!source || !raw) continue;
      const existing = this.articlesBySlug.get(raw.slug);
      if (existing) {
        this.report(file, 'error', `slug "${raw.slug}" is already used by ${existing.file}; this article is skipped`, source.parsed.locate(['slug']));
        continue;
      }
      const status = this.status(source, raw.status);
      if (!status) continue;
      const body = await this.compile(source, 'news');
      if (!body) {
        if (body === null) this.report(file, 'error', 'the article has no body text; it is skipped', { line: source.parsed.bodyLine, column: 1 });
        continue;
      }
      const article = this.reshapeArticle(source, raw, status, body);
      this.articles.push(article);
      this.articlesBySlug.set(article.slug, article);
    }
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
      authors: raw.author.map((name) => squashWhitespace(fixMojibake(name))),
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

  private status(source: Source, status: string | null): Article['status'] | null {
    if (!status || status === 'published') return 'published';
    if (status === 'draft') return 'draft';
    this.report(
      source.file,
      'error',
      `field "status": expected '' (published) or 'draft', got "${status}"; the article is not published`,
      source.parsed.locate(['status']),
    );
    return null;
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
      return { name, slug, label: raw.categoryLabel[index] };
    });
    return this.topicRefs(wanted);
  }

  /** Finds or creates the topic for each name; a topic without a file is built from the reference. */
  private topicRefs(wanted: Array<{ name: string; slug?: string; label?: string }>): TopicRef[] {
    const refs = new Map<string, TopicRef>();
    for (const { name: rawName, slug, label } of wanted) {
      const name = fixMojibake(rawName);
      const known = (slug && this.topics.get(slug)) || this.topicsByName.get(name);
      const topic =
        known ??
        this.addDerivedTopic({
          slug: slug ?? slugify(name),
          name,
          label: label ? fixMojibake(label) : labelOf(name),
        });
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
    // Topic names carry the publication's name ("Healthcare IT News: Digital Health");
    // use it when it spells the brand's domain ("healthcareitnews.com").
    const squashedBrand = brand.split('.')[0]?.toLowerCase() ?? '';
    const fromTopics = topics
      .map((topic) => topic.name.split(':')[0]?.trim() ?? '')
      .find((prefix) => prefix && prefix.replace(/[^a-z0-9]/gi, '').toLowerCase() === squashedBrand);
    return { name: fromTopics ?? brand, url };
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
    this.assets.set(file.key, file.absolute);
    const [height, width] = size ?? fallbackSize;
    return {
      src: mediaUrl(file.key),
      alt: squashWhitespace(fixMojibake(alt ?? fallbackAlt)),
      width: width ?? fallbackSize[1],
      height: height ?? fallbackSize[0],
    };
  }

  /** Undefined: the body failed and the file is skipped. Null: the file has no body. */
  private async compile(source: Source, kind: ContentKind): Promise<CompiledBody | null | undefined> {
    const { body, bodyLine } = source.parsed;
    if (!body.trim()) return null;
    const toFileLine = (line: number) => line + bodyLine - 1;
    try {
      const result = await compileBody(body, {
        resolveImage: (src) => {
          const file = resolveImageFile(this.dir, kind, src);
          if (!file) return null;
          this.assets.set(file.key, file.absolute);
          return { src: mediaUrl(file.key) };
        },
      });
      for (const warning of result.warnings) {
        this.report(source.file, 'warning', warning.message, { line: toFileLine(warning.line), column: warning.column });
      }
      return result.body;
    } catch (error) {
      const failure = error instanceof ContentError ? error : new ContentError(String(error));
      this.report(source.file, 'error', `${failure.message}; the file is skipped`, {
        line: toFileLine(failure.line),
        column: failure.column,
      });
      return undefined;
    }
  }

  private async read(file: string): Promise<Source | null> {
    try {
      const text = await fs.readFile(path.join(this.dir, file), 'utf8');
      return { file, parsed: parseSource(text) };
    } catch (error) {
      const failure = error instanceof ContentError ? error : new ContentError(`could not be read: ${String(error)}`);
      this.report(file, 'error', `${failure.message}; the file is skipped`, failure);
      return null;
    }
  }

  private validate<T extends z.ZodType>(source: Source, schema: T): z.output<T> | null {
    const result = schema.safeParse(source.parsed.data);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const field = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('').slice(1);
      const got = valueAt(source.parsed.data, issue.path) === undefined ? 'is missing' : issue.message;
      this.report(source.file, 'error', `field "${field}": ${got}; the file is skipped`, source.parsed.locate(issue.path));
    }
    return null;
  }

  private report(file: string, severity: Severity, message: string, at: { line: number; column: number }): void {
    this.problems.push({ file, line: at.line, column: at.column, severity, message });
  }
}

function valueAt(data: unknown, keys: PropertyKey[]): unknown {
  let value = data;
  for (const key of keys) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
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
  const og = raw.openGraphMetaData;
  const twitter = raw.twitterMetaData;
  const html = raw.htmlMetaData;
  return {
    title: pick(og, 'ogtitle') ?? pick(html, 'ogtitle'),
    description: pick(og, 'ogdescription') ?? pick(html, 'ogdescription') ?? pick(html, 'description'),
    image: pick(og, 'ogimage') ?? pick(html, 'ogimage'),
    url: pick(og, 'ogurl') ?? pick(html, 'ogurl'),
    siteName: pick(og, 'ogsite_name') ?? pick(html, 'ogsite_name'),
    type: pick(og, 'ogtype') ?? pick(html, 'ogtype'),
    twitterCard: pick(twitter, 'twittercard'),
    twitterTitle: pick(twitter, 'twittertitle'),
    twitterDescription: pick(twitter, 'twitterdescription'),
    twitterImage: pick(twitter, 'twitterimage'),
    robots: pick(html, 'robots'),
    keywords: pick(html, 'keywords'),
  };
}
