/**
 * Indexes a content folder into a database (IndexStore): only files whose bytes changed since
 * the last run are parsed and compiled, and only what they, and what depends on them,
 * contribute to the site is written again. Returns what changed, for the pages to refresh.
 *
 * A broken file never stops a run: it is kept with its problems and contributes nothing.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

import type { ImageDependency } from '../compile-job';
import { listFolder, resolveImageFile, type ContentKind, type FolderListing } from '../files';
import { parseContentFile, readStoredParse, storedParse, type StoredParse } from '../parse-file';
import type { ContentProblem } from '../problems';
import type { RawArticle, RawAuthor, RawOffering, RawTopic } from '../schema';
import type { Touch } from '../touched-paths';

import {
  authorSlug,
  reshapeArticle,
  reshapeAuthor,
  reshapeOffering,
  reshapeTopic,
  type Lookups,
  type Source,
} from './reshape';
import type { IndexStore, IndexWriter, Profiles, SourceState } from './store';

/** In the order they are linked: an article names topics, offerings and authors. */
const KINDS: ContentKind[] = ['topics', 'offerings', 'authors', 'news'];
/** Files parsed, then written, together: bounds the memory of a first run over a large folder. */
const BATCH_SIZE = 400;
const PROGRESS_EVERY_MS = 2_000;

export interface IndexResult {
  /** Files added, changed or removed since the last run (relative to the folder). */
  changedFiles: string[];
  /** What the pages showed of everything re-indexed, before and after: see touched-paths.ts. */
  touches: Touch[];
  /** Files read and parsed in this run (an unchanged file is neither). */
  parsed: number;
  seconds: number;
}

export interface IndexOptions {
  /** Told how a long run is going, every few seconds. */
  progress?: (line: string) => void;
}

interface Found {
  file: string;
  kind: ContentKind;
  size: number;
  mtimeMs: number;
}

export async function indexContent(
  store: IndexStore,
  dir: string,
  options: IndexOptions = {},
): Promise<IndexResult> {
  const started = performance.now();
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat?.isDirectory()) {
    throw new Error(
      `Content folder "${dir}" does not exist. Set CONTENT_DIR to a folder with news/, topics/, offerings/ and optionally authors/ (see docs/content.md).`,
    );
  }
  const states = await store.sourceStates();
  // One listing of the folder, then a stat of each content file: no call per image name.
  const listing = await listFolder(dir, KINDS);
  const found: Found[] = [];
  // Profiles before the articles that name them, in every batch order: an article then links
  // to a topic or offering that is already there, instead of making a stand-in for it first.
  const byKind = (a: string, b: string) =>
    KINDS.indexOf(kindOf(a)) - KINDS.indexOf(kindOf(b)) || (a < b ? -1 : a > b ? 1 : 0);
  for (const file of [...listing.files].filter((name) => name.endsWith('.mdx')).sort(byKind)) {
    const kind = kindOf(file);
    // Only files directly in a kind folder are content; deeper ones may be anything.
    if (file.indexOf('/') !== file.lastIndexOf('/')) continue;
    const info = statOf(path.join(dir, file));
    if (info) found.push({ file, kind, size: info.size, mtimeMs: info.mtimeMs });
  }
  const present = new Set(found.map((item) => item.file));
  const removed = [...states.keys()].filter((file) => !present.has(file));
  // A file is read again only when its size or time moved, or an image it names came or went.
  const suspects = found.filter((item) => {
    const known = states.get(item.file);
    return (
      !known ||
      !known.hash ||
      known.size !== item.size ||
      known.mtimeMs !== item.mtimeMs ||
      imagesMoved(dir, known, listing)
    );
  });

  const progress = new Progress(options.progress, suspects.length);
  const result: IndexResult = { changedFiles: [...removed], touches: [], parsed: 0, seconds: 0 };
  if (removed.length > 0) await store.write((tx) => applyBatch(tx, dir, [], removed, result));
  for (let start = 0; start < suspects.length; start += BATCH_SIZE) {
    const batch = await readBatch(dir, suspects.slice(start, start + BATCH_SIZE), states, listing);
    result.parsed += batch.parsed.length;
    await store.write(async (tx) => {
      for (const { file, mtimeMs } of batch.unchanged) await tx.touchSource(file, mtimeMs);
      await applyBatch(tx, dir, batch.parsed, [], result);
    });
    progress.advance(Math.min(BATCH_SIZE, suspects.length - start));
  }
  result.changedFiles.sort();
  result.seconds = (performance.now() - started) / 1000;
  progress.done(result);
  return result;
}

function kindOf(file: string): ContentKind {
  return file.slice(0, file.indexOf('/')) as ContentKind;
}

function statOf(file: string): { size: number; mtimeMs: number } | null {
  try {
    const info = statSync(file);
    return info.isFile() ? info : null;
  } catch {
    return null;
  }
}

function imagesMoved(dir: string, state: SourceState, listing: FolderListing): boolean {
  return state.images.some(
    (image) => (resolveImageFile(dir, state.kind, image.src, listing)?.key ?? null) !== image.key,
  );
}

interface ParsedSource {
  state: SourceState;
  parsed: StoredParse | null;
  problems: ContentProblem[];
}

/** Reads and hashes a batch; parses (compiling bodies in the worker pool) the files that changed. */
async function readBatch(
  dir: string,
  items: Found[],
  states: Map<string, SourceState>,
  listing: FolderListing,
) {
  const unchanged: { file: string; mtimeMs: number }[] = [];
  const parsed: ParsedSource[] = [];
  await Promise.all(
    items.map(async (item) => {
      const text = await fs.readFile(path.join(dir, item.file), 'utf8').catch(() => null);
      if (text === null) return;
      const hash = createHash('sha256').update(text).digest('hex');
      const known = states.get(item.file);
      if (known && known.hash === hash && !imagesMoved(dir, known, listing)) {
        unchanged.push({ file: item.file, mtimeMs: item.mtimeMs });
        return;
      }
      const outcome = await parseContentFile(dir, item.file, item.kind, text);
      const images: ImageDependency[] = [
        ...outcome.images,
        ...namedImages(dir, item.kind, outcome.ok ? outcome.source.data : null),
      ];
      parsed.push({
        // A failure that may pass is kept without the file's hash, so the next run tries again.
        state: {
          file: item.file,
          kind: item.kind,
          size: item.size,
          mtimeMs: item.mtimeMs,
          hash: outcome.transient ? '' : hash,
          images,
        },
        parsed: storedParse(outcome),
        problems: outcome.problems,
      });
    }),
  );
  // Written in path order, so that of two files with one slug the first by path owns it.
  parsed.sort(
    (a, b) =>
      KINDS.indexOf(a.state.kind) - KINDS.indexOf(b.state.kind) ||
      a.state.file.localeCompare(b.state.file),
  );
  return { unchanged, parsed };
}

/**
 * The featured image, or an author's photo, is checked when the file is linked; it is a
 * dependency like a body's images.
 */
function namedImages(dir: string, kind: ContentKind, data: unknown): ImageDependency[] {
  const fields = data as { featuredImage?: { href?: unknown }; photo?: unknown } | null;
  const href = kind === 'authors' ? fields?.photo : fields?.featuredImage?.href;
  if (typeof href !== 'string' || !href.trim()) return [];
  return [{ src: href, key: resolveImageFile(dir, kind, href)?.key ?? null, absolute: null }];
}

/**
 * Writes one batch: the files' own parses, then everything the site derives from them, and
 * again everything that depends on what changed (references to a topic or offering profile, a
 * slug that a removed or changed file gave up).
 */
async function applyBatch(
  tx: IndexWriter,
  dir: string,
  parsed: ParsedSource[],
  removed: string[],
  result: IndexResult,
): Promise<void> {
  const changed = [...parsed.map((item) => item.state.file), ...removed];
  const before = await touchesOf(tx, changed);
  const profilesBefore = await profileKeys(tx, before);
  const claimants = await tx.nextClaimants(changed);
  for (const file of removed) {
    await tx.unlink(file);
    await tx.deleteSource(file);
  }
  for (const item of parsed) {
    await tx.unlink(item.state.file);
    await tx.putSource(item.state, item.parsed, item.problems);
  }
  const linked = new Set<string>();
  await linkFiles(
    tx,
    dir,
    parsed.map((item) => item.state.file),
    linked,
  );

  const after = await touchesOf(tx, changed);
  const profilesAfter = await profileKeys(tx, after);
  const dependents = await tx.filesNaming(
    {
      slugs: union(profilesBefore.topicSlugs, profilesAfter.topicSlugs),
      names: union(profilesBefore.topicNames, profilesAfter.topicNames),
    },
    {
      slugs: union(profilesBefore.offeringSlugs, profilesAfter.offeringSlugs),
      ids: union(profilesBefore.offeringIds, profilesAfter.offeringIds),
    },
    movedAuthorKeys(before, after),
  );
  const relink = [...new Set([...dependents, ...claimants])].filter((file) => !linked.has(file));
  const relinkBefore = await touchesOf(tx, relink);
  for (const file of relink) await tx.unlink(file);
  await linkFiles(tx, dir, relink, linked);
  const relinkAfter = await touchesOf(tx, relink);

  const touches = [...before, ...after, ...relinkBefore, ...relinkAfter];
  await tx.refreshReferencedOnly(
    touches.flatMap((touch) =>
      touch.kind === 'topic' ? [touch.slug] : touch.kind === 'author' ? [] : touch.topics,
    ),
    touches.flatMap((touch) =>
      touch.kind === 'article' ? touch.offerings : touch.kind === 'offering' ? [touch.slug] : [],
    ),
  );
  result.changedFiles.push(...parsed.map((item) => item.state.file));
  result.touches.push(...touches);
}

async function touchesOf(tx: IndexWriter, files: string[]): Promise<Touch[]> {
  const touches: Touch[] = [];
  for (const file of files) {
    const touch = await tx.touchOf(file);
    if (touch) touches.push(touch);
  }
  return touches;
}

/**
 * Names whose byline now leads elsewhere: a profile came, went, or changed its name or slug.
 * A profile's other fields show only on its own page, so its bylines stay as they are.
 */
function movedAuthorKeys(before: Touch[], after: Touch[]): string[] {
  const pairs = (touches: Touch[]) =>
    new Set(
      touches.flatMap((touch) => (touch.kind === 'author' ? [`${touch.key}\n${touch.slug}`] : [])),
    );
  const [was, is] = [pairs(before), pairs(after)];
  const moved = [...was]
    .filter((pair) => !is.has(pair))
    .concat([...is].filter((pair) => !was.has(pair)));
  return [...new Set(moved.map((pair) => pair.split('\n')[0]!))];
}

/** The topic and offering profiles among `touches`, by what references resolve them with. */
async function profileKeys(tx: IndexWriter, touches: Touch[]) {
  const profiles = await tx.profiles();
  const topicSlugs = touches.filter((touch) => touch.kind === 'topic').map((touch) => touch.slug);
  const offeringSlugs = touches
    .filter((touch) => touch.kind === 'offering')
    .map((touch) => touch.slug);
  return {
    topicSlugs,
    topicNames: profiles.topics
      .filter((topic) => topicSlugs.includes(topic.slug))
      .map((topic) => topic.name),
    offeringSlugs,
    offeringIds: profiles.offerings
      .filter((offering) => offeringSlugs.includes(offering.slug) && offering.offeringId !== null)
      .map((offering) => offering.offeringId!),
  };
}

/** Links files from their stored parses: topics first, then offerings, then articles. */
async function linkFiles(
  tx: IndexWriter,
  dir: string,
  files: string[],
  linked: Set<string>,
): Promise<void> {
  const stored = new Map<string, { kind: ContentKind; parsed: StoredParse }>();
  for (const file of files) {
    const source = await tx.storedParse(file);
    if (source?.parsed) stored.set(file, { kind: source.kind, parsed: source.parsed });
  }
  const ordered = [...stored.entries()].sort(
    ([a, x], [b, y]) => KINDS.indexOf(x.kind) - KINDS.indexOf(y.kind) || a.localeCompare(b),
  );
  let lookups: Lookups | null = null;
  for (const [file, { kind, parsed }] of ordered) {
    linked.add(file);
    const { raw, status, body, locate } = readStoredParse(parsed, kind);
    const source: Source = { dir, file, kind, locate, data: parsed.data };
    const slug = kind === 'authors' ? authorSlug(raw as RawAuthor) : (raw as { slug: string }).slug;
    if (!slug) {
      const name = (raw as RawAuthor).name;
      const at = locate(['name']);
      await tx.putLinkProblems(file, [
        {
          file,
          line: at.line,
          column: at.column,
          severity: 'error',
          message: `field "slug": the name "${name}" makes no slug; give the profile a slug; the file is skipped`,
        },
      ]);
      continue;
    }
    const named = kind === 'authors' && !(raw as RawAuthor).slug ? 'name' : 'slug';
    const owner = await tx.claimSlug(kind, slug, file, locate([named]));
    if (owner !== file) continue;
    if (kind === 'topics') {
      await tx.putTopic(reshapeTopic(source, raw as RawTopic, body));
      lookups = null;
      continue;
    }
    lookups ??= lookupsOf(await tx.profiles());
    if (kind === 'offerings') {
      await tx.putOffering(reshapeOffering(source, raw as RawOffering, body, lookups));
      lookups = null;
    } else if (kind === 'authors') {
      await tx.putAuthor(reshapeAuthor(source, raw as RawAuthor, body));
      lookups = null;
    } else if (body) {
      await tx.putArticle(reshapeArticle(source, raw as RawArticle, status, body, lookups));
    }
  }
}

function lookupsOf(profiles: Profiles): Lookups {
  const bySlug = new Map(profiles.topics.map((topic) => [topic.slug, topic]));
  const byName = new Map(profiles.topics.map((topic) => [topic.name, topic]));
  const offerings = new Set(profiles.offerings.map((offering) => offering.slug));
  const offeringIds = new Map(
    profiles.offerings
      .filter((offering) => offering.offeringId !== null)
      .map((offering) => [offering.offeringId!, offering.slug]),
  );
  // Of two profiles with one name, the first by path.
  const authors = new Map<string, string>();
  for (const author of profiles.authors)
    if (!authors.has(author.key)) authors.set(author.key, author.slug);
  return {
    authorByKey: (key) => authors.get(key) ?? null,
    topicBySlug: (slug) => bySlug.get(slug) ?? null,
    topicByName: (name) => byName.get(name) ?? null,
    offeringBySlug: (slug) => (offerings.has(slug) ? slug : null),
    offeringById: (id) => offeringIds.get(id) ?? null,
  };
}

function union<T>(a: T[], b: T[]): T[] {
  return [...new Set([...a, ...b])];
}

/** A line every few seconds while a long run goes on, and one at the end of it. */
class Progress {
  private done_ = 0;
  private lastAt = performance.now();
  private readonly startedAt = performance.now();

  constructor(
    private readonly print: ((line: string) => void) | undefined,
    private readonly total: number,
  ) {}

  advance(count: number): void {
    this.done_ += count;
    const now = performance.now();
    if (!this.print || now - this.lastAt < PROGRESS_EVERY_MS) return;
    this.lastAt = now;
    const rate = this.done_ / ((now - this.startedAt) / 1000);
    const left = rate > 0 ? Math.round((this.total - this.done_) / rate) : 0;
    this.print(
      `content: indexed ${this.done_} of ${this.total} changed files (${Math.round(rate)} per second, about ${left} s left)`,
    );
  }

  done(result: IndexResult): void {
    if (this.total < BATCH_SIZE || !this.print) return;
    this.print(
      `content: indexed ${result.changedFiles.length} changed files in ${result.seconds.toFixed(1)} s`,
    );
  }
}
