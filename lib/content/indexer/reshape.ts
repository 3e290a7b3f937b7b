/**
 * One content file, parsed, made into what the site shows: an article, topic, offering or
 * author, the references it makes to others, the image files it uses and the problems found on
 * the way. Each file is reshaped on its own, looking other files up only through `Lookups`
 * (topic, offering and author profiles), so re-indexing a file touches that file's rows and
 * nothing else.
 *
 * What depends on several files (who owns a slug, topics and offerings that only articles name,
 * aliases that collide) is not decided here but read from the references (lib/content/sqlite).
 */
import type { ContentKind } from '../files';
import type { Location } from '../front-matter';
import type { ContentProblem } from '../problems';
import {
  offeringRefSchema,
  slugSchema,
  type RawArticle,
  type RawAuthor,
  type RawOffering,
  type RawTopic,
} from '../schema';
import { brandSlug, fixMojibake, slugify, squashWhitespace, tidySummary } from '../text';
import type {
  Article,
  ArticleStatus,
  Author,
  AuthorRef,
  CompiledBody,
  MetaOverrides,
  Offering,
  SourceLink,
  Topic,
  TopicRef,
} from '../types';

import { aliasClaims } from './aliases';
import { Collector } from './collector';

const WORDS_PER_MINUTE = 230;
const DEFAULT_IMAGE_SIZE: [number, number] = [630, 1200];

/** Owner of images used by topics, offerings and authors, which have no draft state. */
export const PUBLIC_OWNER = '*';

/** Topic, offering and author profiles, as an article or offering being reshaped may name them. */
export interface Lookups {
  topicBySlug(slug: string): TopicRef | null;
  topicByName(name: string): TopicRef | null;
  /** The slug of the offering profile with this slug or id, if there is one. */
  offeringBySlug(slug: string): string | null;
  offeringById(id: number): string | null;
  /** The slug of the author profile whose name makes this slug (see authorKey), if there is one. */
  authorByKey(key: string): string | null;
}

export interface Source {
  dir: string;
  file: string;
  kind: ContentKind;
  locate: (path: ReadonlyArray<PropertyKey>) => Location;
  data: unknown;
}

export interface TopicUse extends TopicRef {
  /** The slug came from `categoryUrl`, not from the name: a profile named so cannot change it. */
  slugFromUrl: boolean;
  at: Location;
}

export interface OfferingUse {
  slug: string;
  label: string;
  offeringId: number | null;
  /** Topics the reference gives the offering, for one without a profile. */
  topics: TopicRef[];
  at: Location;
}

export interface AuthorUse extends AuthorRef {
  slug: string;
  /** The byline's name as a slug: a profile whose name makes the same one is this author. */
  key: string;
}

export interface AliasClaim {
  path: string;
  at: Location;
}

export interface AssetUse {
  key: string;
  absolute: string;
}

interface Reshaped {
  problems: ContentProblem[];
  assets: AssetUse[];
}

export interface ReshapedArticle extends Reshaped {
  article: Article;
  topics: TopicUse[];
  offerings: OfferingUse[];
  /** The authors with a page: bylines whose name makes no slug are shown without a link. */
  authors: AuthorUse[];
  aliases: AliasClaim[];
}

export interface ReshapedAuthor extends Reshaped {
  author: Author;
  key: string;
  /** Where the name is written. */
  at: Location;
}

export interface ReshapedTopic extends Reshaped {
  topic: Topic;
}

export interface ReshapedOffering extends Reshaped {
  offering: Offering;
}

export function reshapeTopic(
  source: Source,
  raw: RawTopic,
  body: CompiledBody | null,
): ReshapedTopic {
  const name = fixMojibake(raw.name);
  const topic: Topic = {
    slug: raw.slug,
    name,
    label: fixMojibake(raw.title ?? labelOf(name)),
    description: raw.description ? tidySummary(fixMojibake(raw.description)) : null,
    hasProfile: true,
    file: source.file,
    body,
  };
  return { topic, problems: [], assets: [] };
}

export function reshapeOffering(
  source: Source,
  raw: RawOffering,
  body: CompiledBody | null,
  lookups: Lookups,
): ReshapedOffering {
  const collect = new Collector(source);
  const offering: Offering = {
    slug: raw.slug,
    title: fixMojibake(raw.title),
    offeringId: raw.offeringId ?? null,
    vendor: raw.vendor ? fixMojibake(raw.vendor) : null,
    website: collect.httpUrl(['website'], raw.website),
    description: raw.description ? tidySummary(fixMojibake(raw.description)) : null,
    topics: topicRefs(
      raw.categories.map((name) => ({ name })),
      lookups,
    ),
    image: collect.image([400, 600]),
    hasProfile: true,
    file: source.file,
    body,
  };
  return { offering, problems: collect.problems, assets: collect.assets };
}

/** An author's slug in URLs: the one the profile gives, else its name as a slug ('' when none). */
export function authorSlug(raw: RawAuthor): string {
  return raw.slug ?? authorKey(raw.name);
}

/** A name as a slug, however it is spelt or spaced: what bylines and profiles are matched by. */
export function authorKey(name: string): string {
  return slugify(squashWhitespace(fixMojibake(name)));
}

export function reshapeAuthor(
  source: Source,
  raw: RawAuthor,
  body: CompiledBody | null,
): ReshapedAuthor {
  const collect = new Collector(source);
  const name = squashWhitespace(fixMojibake(raw.name));
  const author: Author = {
    slug: authorSlug(raw),
    name,
    role: raw.role ? fixMojibake(raw.role) : null,
    photo: collect.photo(raw.photo, name),
    links: raw.links.flatMap((link, index) => collect.httpUrl(['links', index], link) ?? []),
    hasProfile: true,
    file: source.file,
    body,
  };
  return {
    author,
    key: authorKey(name),
    at: source.locate(['name']),
    problems: collect.problems,
    assets: collect.assets,
  };
}

export function reshapeArticle(
  source: Source,
  raw: RawArticle,
  status: ArticleStatus,
  body: CompiledBody,
  lookups: Lookups,
): ReshapedArticle {
  const collect = new Collector(source);
  const title = squashWhitespace(fixMojibake(raw.title));
  const modified = raw.lastMod && raw.lastMod >= raw.date ? raw.lastMod : raw.date;
  const topics = articleTopics(collect, raw, lookups);
  const offerings = offeringRefs(collect, raw, lookups);
  const aliases = aliasClaims(collect, raw);
  const bylines = raw.author.map((name) => authorRef(squashWhitespace(fixMojibake(name)), lookups));
  const words = body.text ? body.text.split(' ').length : 0;
  const article: Article = {
    slug: raw.slug,
    file: source.file,
    title,
    description:
      tidySummary(fixMojibake(raw.description ?? '')) || tidySummary(body.text.slice(0, 300)),
    publishedAt: raw.date.toISOString(),
    modifiedAt: modified.toISOString(),
    authors: bylines.map(({ name, slug }) => ({ name, slug })),
    image: collect.image(DEFAULT_IMAGE_SIZE, title),
    source: sourceLink(collect, raw, topics),
    topics: topics.map(({ slug, name, label }) => ({ slug, name, label })),
    tags: [...new Set(raw.tags.map((tag) => fixMojibake(tag)))],
    offerings: offerings.map((offering) => offering.slug),
    aliases: aliases.map((alias) => alias.path),
    status,
    meta: metaOverrides(raw),
    readingMinutes: Math.max(1, Math.round(words / WORDS_PER_MINUTE)),
    body,
  };
  const authors = [
    ...new Map(bylines.flatMap((use) => (use.slug ? [[use.slug, use as AuthorUse]] : []))).values(),
  ];
  return {
    article,
    topics,
    offerings,
    authors,
    aliases,
    problems: collect.problems,
    assets: collect.assets,
  };
}

/** The author a byline names: the profile of that name, else one made from the name itself. */
function authorRef(name: string, lookups: Lookups): AuthorRef & { key: string } {
  const key = authorKey(name);
  if (!key) return { name, slug: null, key };
  return { name, slug: lookups.authorByKey(key) ?? key, key };
}

/** Topics named by an article: `categories[i]` with `categoryUrl[i]` and `categoryLabel[i]`. */
function articleTopics(collect: Collector, raw: RawArticle, lookups: Lookups): TopicUse[] {
  const uses = new Map<string, TopicUse>();
  raw.categories.forEach((rawName, index) => {
    const url = raw.categoryUrl[index];
    const match = url ? /^\/?topic\/([^/]+)\/?$/.exec(url) : null;
    if (url && !match) {
      collect.report(
        'warning',
        `field "categoryUrl[${index}]": expected "topic/<slug>", got "${url}"`,
        ['categoryUrl', index],
      );
    }
    const urlSlug = match?.[1] && slugSchema.safeParse(match[1]).success ? match[1] : undefined;
    const label = raw.categoryLabel[index];
    const [ref] = topicRefs([{ name: rawName, slug: urlSlug, label }], lookups);
    if (ref && !uses.has(ref.slug)) {
      uses.set(ref.slug, {
        ...ref,
        slugFromUrl: urlSlug !== undefined,
        at: collect.source.locate(['categories', index]),
      });
    }
  });
  return [...uses.values()];
}

/**
 * The topic of each name: its profile (by slug, then by name), or one built from the reference
 * itself, which exists while something public names it.
 */
export function topicRefs(
  wanted: Array<{ name: string; slug?: string; label?: string }>,
  lookups: Lookups,
): TopicRef[] {
  const refs = new Map<string, TopicRef>();
  for (const { name: rawName, slug, label } of wanted) {
    const name = fixMojibake(rawName);
    const known = (slug ? lookups.topicBySlug(slug) : null) ?? lookups.topicByName(name);
    const ref = known ?? {
      slug: slug ?? slugify(name),
      name,
      label: label ? fixMojibake(label) : labelOf(name),
    };
    if (ref.slug && !refs.has(ref.slug)) refs.set(ref.slug, ref);
  }
  return [...refs.values()];
}

/** Resolves `relatedOfferings` to offering slugs: a profile's, or one made from the reference. */
function offeringRefs(collect: Collector, raw: RawArticle, lookups: Lookups): OfferingUse[] {
  const uses = new Map<string, OfferingUse>();
  (raw.relatedOfferings ?? []).forEach((item, index) => {
    const parsed = offeringRefSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      collect.report(
        'warning',
        `field "relatedOfferings[${index}]${issue?.path.length ? `.${issue.path.join('.')}` : ''}": ${issue?.message ?? 'invalid'}; the reference is ignored`,
        ['relatedOfferings', index, ...(issue?.path ?? [])],
      );
      return;
    }
    const ref = parsed.data;
    const fromPermalink = ref.permalink
      ? /^(?:https?:\/\/[^/]+)?\/offering\/([^/?#]+)\/?$/.exec(ref.permalink)?.[1]
      : undefined;
    const permalinkSlug =
      fromPermalink && slugSchema.safeParse(fromPermalink).success ? fromPermalink : undefined;
    const known =
      (permalinkSlug ? lookups.offeringBySlug(permalinkSlug) : null) ??
      (ref.offeringId != null ? lookups.offeringById(ref.offeringId) : null);
    const slug = known ?? permalinkSlug ?? slugify(ref.label);
    if (!slug || uses.has(slug)) return;
    uses.set(slug, {
      slug,
      label: squashWhitespace(fixMojibake(ref.label)),
      offeringId: ref.offeringId ?? null,
      topics: topicRefs(
        ref.categories.map((name) => ({ name })),
        lookups,
      ),
      at: collect.source.locate(['relatedOfferings', index]),
    });
  });
  return [...uses.values()];
}

function sourceLink(collect: Collector, raw: RawArticle, topics: TopicRef[]): SourceLink | null {
  const url = collect.httpUrl(['link', 'original'], raw.link?.original ?? raw.link?.href ?? null);
  if (!url) return null;
  const host = new URL(url).hostname.replace(/^www\./, '');
  const brand = raw.link?.brand?.replace(/^www\./, '') || host;
  const slug = brandSlug(brand) || brandSlug(host);
  // Topic names carry the publication's name ("Healthcare IT News: Digital Health");
  // use it when it spells the brand's domain ("healthcareitnews.com").
  const squashedBrand = brand.split('.')[0]?.toLowerCase() ?? '';
  const fromTopics = topics
    .map((topic) => topic.name.split(':')[0]?.trim() ?? '')
    .find((prefix) => prefix && prefix.replace(/[^a-z0-9]/gi, '').toLowerCase() === squashedBrand);
  return { name: fromTopics ?? brand, brand: slug, url };
}

/** `Medigy: Social Care` -> `Social Care`. */
export function labelOf(name: string): string {
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
