/**
 * Indexes a content folder into a database (IndexStore): only files whose bytes changed since
 * the last run are parsed and compiled, and only what they, and what depends on them,
 * contribute to the site is written again. Returns what changed, for the pages to refresh.
 *
 * A broken file never stops a run: it is kept with its problems and contributes nothing.
 *
 * Which files changed, and their parses, come from changes.ts; this module writes them in
 * batches and works out, after each, what else must be linked again.
 */
import fs from 'node:fs/promises';

import { KINDS, type ContentKind } from '../files';
import { readStoredParse, type StoredParse } from '../parse-file';
import type { RawArticle, RawAuthor, RawOffering, RawTopic } from '../schema';
import type { Touch } from '../touched-paths';

import { findChanges, namedChanges, readBatch, type ParsedSource } from './changes';
import {
  authorSlug,
  reshapeArticle,
  reshapeAuthor,
  reshapeOffering,
  reshapeTopic,
  type Lookups,
  type Source,
} from './reshape';
import type { IndexStore, IndexWriter, Profiles } from './store';

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
  /**
   * Only these content files (isContentFile), which the caller knows it changed: the rest of
   * the folder is not looked at. Without it, every file is compared with its last state.
   */
  files?: readonly string[];
  /**
   * Merge the engine's indexes for reading when the run leaves them in many pieces
   * (IndexStore.compact; default true). A serving process's revalidations do not: at 100,000
   * articles a merge holds the process for seconds. The next build's run does it.
   */
  compact?: boolean;
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
  const states = await store.sourceStates(options.files);
  const { listing, removed, suspects } = options.files
    ? namedChanges(options.files, dir, states)
    : await findChanges(dir, states);

  const progress = new Progress(options.progress, suspects.length);
  const result: IndexResult = { changedFiles: [...removed], touches: [], parsed: 0, seconds: 0 };
  if (removed.length > 0) await store.write((tx) => applyBatch(tx, dir, [], removed, result));
  const read = (start: number) =>
    readBatch(dir, suspects.slice(start, start + BATCH_SIZE), states, listing);
  let reading = suspects.length > 0 ? read(0) : null;
  for (let start = 0; reading; start += BATCH_SIZE) {
    const batch = await reading;
    // The next batch is read, parsed and compiled while this one is written (nextTurn()).
    reading = start + BATCH_SIZE < suspects.length ? read(start + BATCH_SIZE) : null;
    // Awaited on the next turn of the loop; a write that fails first leaves it unawaited.
    reading?.catch(() => undefined);
    result.parsed += batch.parsed.length;
    await store.write(async (tx) => {
      for (const { file, mtimeMs } of batch.unchanged) await tx.touchSource(file, mtimeMs);
      await applyBatch(tx, dir, batch.parsed, [], result);
    });
    progress.advance(Math.min(BATCH_SIZE, suspects.length - start));
  }
  // Also when nothing changed: a database left in many pieces by an earlier version is merged.
  if (options.compact ?? true) await store.compact?.();
  result.changedFiles.sort();
  result.seconds = (performance.now() - started) / 1000;
  progress.done(result);
  return result;
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
    await nextTurn();
    await tx.unlink(item.state.file);
    await tx.putSource(item.state, item.parsed, item.problems);
  }
  const linked = new Set<string>();
  const fresh = new Map(
    parsed.map((item) => [item.state.file, { kind: item.state.kind, parsed: item.parsed }]),
  );
  await linkFiles(tx, dir, [...fresh.keys()], linked, fresh);

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

type Parses = Map<string, { kind: ContentKind; parsed: StoredParse | null }>;

/**
 * Links files from their stored parses (`fresh` holds those this batch has just stored):
 * topics first, then offerings, then articles.
 */
async function linkFiles(
  tx: IndexWriter,
  dir: string,
  files: string[],
  linked: Set<string>,
  fresh: Parses = new Map(),
): Promise<void> {
  const stored = new Map<string, { kind: ContentKind; parsed: StoredParse }>();
  for (const file of files) {
    const source = fresh.get(file) ?? (await tx.storedParse(file));
    if (source?.parsed) stored.set(file, { kind: source.kind, parsed: source.parsed });
  }
  const ordered = [...stored.entries()].sort(
    ([a, x], [b, y]) => KINDS.indexOf(x.kind) - KINDS.indexOf(y.kind) || a.localeCompare(b),
  );
  let lookups: Lookups | null = null;
  for (const [file, { kind, parsed }] of ordered) {
    await nextTurn();
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

/**
 * A turn of the event loop, taken between the files a batch writes. SQLite writes without
 * waiting, so a batch's write would hold the thread for a second or more; meanwhile the compile
 * threads finish a body every few milliseconds and wait to be given the next batch's bodies.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
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
