/**
 * What changed in a content folder since the last run (see index-content.ts): one listing of
 * the folder and a stat of each content file find the files that may have changed; reading
 * and hashing them tells which did, and only those are parsed and compiled.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

import { parseContentFile } from '../compiler';
import {
  isContentFile,
  KINDS,
  listFolder,
  resolveImageFile,
  type ContentKind,
  type FolderListing,
} from '../files';
import type { ImageDependency, StoredParse } from '../parse-file';
import type { ContentProblem } from '../problems';

import type { SourceState } from './store';

interface Found {
  file: string;
  kind: ContentKind;
  size: number;
  mtimeMs: number;
}

/** A file read again that had changed: its new state, its parse as stored, its own problems. */
export interface ParsedSource {
  state: SourceState;
  parsed: StoredParse | null;
  problems: ContentProblem[];
}

/**
 * The files indexed before and gone now (`removed`), and those that may have changed
 * (`suspects`, profiles first, each kind by path), with the folder's `listing` they were
 * judged by.
 */
export async function findChanges(dir: string, states: Map<string, SourceState>) {
  // One listing of the folder, then a stat of each content file: no call per image name.
  const listing = await listFolder(dir, KINDS);
  const found: Found[] = [];
  for (const file of [...listing.files].filter(isContentFile).sort(byKind)) {
    const info = statOf(path.join(dir, file));
    if (info) found.push({ file, kind: kindOf(file), size: info.size, mtimeMs: info.mtimeMs });
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
  return { listing, removed, suspects };
}

/**
 * The same for files a caller names (the pipeline that wrote them): each is read again, or
 * removed when it is gone, and nothing else in the folder is looked at. `files` are content
 * files (isContentFile).
 */
export function namedChanges(
  files: readonly string[],
  dir: string,
  states: Map<string, SourceState>,
) {
  const suspects: Found[] = [];
  const removed: string[] = [];
  for (const file of [...new Set(files)].sort(byKind)) {
    const info = statOf(path.join(dir, file));
    if (info) suspects.push({ file, kind: kindOf(file), size: info.size, mtimeMs: info.mtimeMs });
    else if (states.has(file)) removed.push(file);
  }
  return { listing: undefined, removed, suspects };
}

/**
 * Profiles before the articles that name them, in every batch order: an article then links to
 * a topic or offering that is already there, instead of making a stand-in for it first.
 */
function byKind(a: string, b: string): number {
  return KINDS.indexOf(kindOf(a)) - KINDS.indexOf(kindOf(b)) || (a < b ? -1 : a > b ? 1 : 0);
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

function imagesMoved(dir: string, state: SourceState, listing?: FolderListing): boolean {
  return state.images.some(
    (image) => (resolveImageFile(dir, state.kind, image.src, listing)?.key ?? null) !== image.key,
  );
}

/** Reads and hashes a batch; parses the files that changed, in the compile threads. */
export async function readBatch(
  dir: string,
  items: Found[],
  states: Map<string, SourceState>,
  listing?: FolderListing,
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
      const outcome = await parseContentFile({ dir, file: item.file, kind: item.kind, text });
      const images: ImageDependency[] = [
        ...outcome.images,
        ...namedImages(dir, item.kind, outcome.parsed?.data ?? null),
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
        parsed: outcome.parsed,
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
