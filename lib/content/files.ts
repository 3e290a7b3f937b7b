import { existsSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { contentDirSetting } from '../config';

/** Content folder kinds, each a subfolder of the content folder. */
export type ContentKind = 'news' | 'topics' | 'offerings' | 'authors';

/** In the order they are linked: an article names topics, offerings and authors. */
export const KINDS: ContentKind[] = ['topics', 'offerings', 'authors', 'news'];

/**
 * A content file's path in the folder (`news/x.mdx`): directly in one of the kind folders.
 * Deeper files may be anything.
 */
export function isContentFile(file: string): boolean {
  const [kind, name, ...deeper] = file.split('/');
  return deeper.length === 0 && KINDS.includes(kind as ContentKind) && !!name?.endsWith('.mdx');
}

export const IMAGE_TYPES: Record<string, string> = {
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.jpeg': 'image/jpeg',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
};

/** The content folder: `CONTENT_DIR`, or `content/` in the project. */
export const contentDir = contentDirSetting;

export async function listMdxFiles(dir: string, kind: ContentKind): Promise<string[]> {
  const folder = path.join(dir, kind);
  if (!existsSync(folder)) return [];
  const entries = await fs.readdir(folder, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.mdx'))
    .map((entry) => `${kind}/${entry.name}`)
    .sort();
}

/**
 * Resolves an image path written in content (relative to the file that names it) to a
 * file inside the content folder. Null for remote URLs, absolute paths, paths that climb
 * out of the folder, types that are not raster images (SVG can carry script), or missing
 * files.
 */
export function resolveImageFile(
  dir: string,
  kind: ContentKind,
  href: string,
  listing?: FolderListing,
): { key: string; absolute: string } | null {
  const cleaned = href.trim().split(/[?#]/)[0] ?? '';
  if (!cleaned || /^(?:[a-z][a-z0-9+.-]*:|\/|\\)/i.test(cleaned) || cleaned.includes('\\'))
    return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(cleaned);
  } catch {
    return null;
  }
  const relative = path.posix.normalize(decoded);
  if (relative.startsWith('..') || !(path.posix.extname(relative).toLowerCase() in IMAGE_TYPES))
    return null;
  const key = `${kind}/${relative}`;
  const absolute = path.join(dir, kind, relative);
  if (listing) return listing.files.has(key) ? { key, absolute } : null;
  try {
    if (!statSync(absolute).isFile()) return null;
  } catch {
    return null;
  }
  return { key, absolute };
}

/**
 * Every file under the content folder's kind folders, read in one pass: what a run of the
 * indexer checks names against, instead of asking the file system once per name.
 */
export interface FolderListing {
  /** Paths relative to the content folder, with `/` (`news/photo.jpeg`). */
  files: Set<string>;
}

export async function listFolder(
  dir: string,
  kinds: readonly ContentKind[],
): Promise<FolderListing> {
  const files = new Set<string>();
  for (const kind of kinds) {
    const folder = path.join(dir, kind);
    if (!existsSync(folder)) continue;
    // Names are put together by hand: path.relative and path.join on each of 100,000 entries
    // took half of the listing's time.
    const below = new Map<string, string>([[folder, `${kind}/`]]);
    for (const entry of await fs.readdir(folder, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const parent = entry.parentPath ?? entry.path;
      let prefix = below.get(parent);
      if (prefix === undefined) {
        prefix = `${path.relative(dir, parent).split(path.sep).join('/')}/`;
        below.set(parent, prefix);
      }
      files.add(prefix + entry.name);
    }
  }
  return { files };
}

export function mediaUrl(key: string): string {
  return `/media/${key.split('/').map(encodeURIComponent).join('/')}`;
}
