import fs from 'node:fs/promises';
import path from 'node:path';

import type { z } from 'zod';

import type { ImageDependency } from './compile-job';
import { compileContentBody } from './compiler';
import { resolveImageFile, type ContentKind } from './files';
import { parseSource, type ParsedSource } from './front-matter';
import { ContentError, type ContentProblem, type Severity } from './problems';
import {
  articleStatus,
  rawArticleSchema,
  rawAuthorSchema,
  rawOfferingSchema,
  rawTopicSchema,
  type RawArticle,
  type RawAuthor,
  type RawOffering,
  type RawTopic,
} from './schema';
import type { ArticleStatus, CompiledBody } from './types';

export type { ImageDependency } from './compile-job';

interface Outcome {
  file: string;
  /** Problems found in this file alone; problems between files are the loader's. */
  problems: ContentProblem[];
  images: ImageDependency[];
}

export type ParsedFile<Raw> =
  | (Outcome & { ok: true; source: ParsedSource; raw: Raw; body: CompiledBody | null; status: ArticleStatus })
  | (Outcome & { ok: false });

export type RawOf<K extends ContentKind> = K extends 'news'
  ? RawArticle
  : K extends 'topics'
    ? RawTopic
    : K extends 'offerings'
      ? RawOffering
      : RawAuthor;

const SCHEMAS: { [K in ContentKind]: z.ZodType<RawOf<K>> } = {
  news: rawArticleSchema,
  topics: rawTopicSchema,
  offerings: rawOfferingSchema,
  authors: rawAuthorSchema,
};

/**
 * Everything about one content file that does not depend on any other file: front matter,
 * schema, status and the compiled body. Never throws: a broken file comes back with
 * `ok: false` and the problems that explain why.
 */
export async function parseContentFile<K extends ContentKind>(
  dir: string,
  file: string,
  kind: K,
): Promise<ParsedFile<RawOf<K>>> {
  const problems: ContentProblem[] = [];
  const images: ImageDependency[] = [];
  const report = (severity: Severity, message: string, at: { line: number; column: number }) =>
    problems.push({ file, line: at.line, column: at.column, severity, message });
  const failed = (): ParsedFile<RawOf<K>> => ({ ok: false, file, problems, images });

  let source: ParsedSource;
  try {
    source = parseSource(await fs.readFile(path.join(dir, file), 'utf8'));
  } catch (error) {
    const failure = error instanceof ContentError ? error : new ContentError(`could not be read: ${String(error)}`);
    report('error', `${failure.message}; the file is skipped`, failure);
    return failed();
  }

  const schema: z.ZodType<RawOf<K>> = SCHEMAS[kind];
  const validated = schema.safeParse(source.data);
  if (!validated.success) {
    for (const issue of validated.error.issues) {
      const field = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('').slice(1);
      const got = valueAt(source.data, issue.path) === undefined ? 'is missing' : issue.message;
      report('error', `field "${field}": ${got}; the file is skipped`, source.locate(issue.path));
    }
    return failed();
  }
  const raw = validated.data;

  // Topics, offerings and authors have no status: they are always published.
  const value = kind === 'news' ? (raw as RawArticle).status : null;
  const status = articleStatus(value);
  if (!status) {
    report(
      'error',
      `field "status": expected '' (published) or 'draft', got "${value}"; the article is not published`,
      source.locate(['status']),
    );
    return failed();
  }

  let body: CompiledBody | null = null;
  if (source.body.trim()) {
    const toFileLine = (line: number) => line + source.bodyLine - 1;
    const outcome = await compileContentBody({ source: source.body, dir, kind });
    images.push(...outcome.images);
    if (!outcome.ok) {
      report('error', `${outcome.message}; the file is skipped`, { line: toFileLine(outcome.line), column: outcome.column });
      return failed();
    }
    for (const warning of outcome.warnings) {
      report('warning', warning.message, { line: toFileLine(warning.line), column: warning.column });
    }
    body = outcome.body;
  } else if (kind === 'news') {
    report('error', 'the article has no body text; it is skipped', { line: source.bodyLine, column: 1 });
    return failed();
  }

  return { ok: true, file, problems, images, source, raw, body, status };
}

/**
 * Keeps each file's parse until the file changes (modification time or size), or an image
 * its body refers to appears or disappears. A rescan of an unchanged folder costs one stat
 * per file, which is what lets preview read content fresh on every request.
 */
export class FileCache {
  private readonly entries = new Map<string, { mtimeMs: number; size: number; parsed: ParsedFile<unknown> }>();

  /** `onParse` is told when the file was (re)parsed rather than taken from the cache. */
  async parse<K extends ContentKind>(
    dir: string,
    file: string,
    kind: K,
    onParse?: (file: string) => void,
  ): Promise<ParsedFile<RawOf<K>>> {
    const absolute = path.join(dir, file);
    const stat = await fs.stat(absolute).catch(() => null);
    const hit = this.entries.get(absolute);
    if (
      hit &&
      stat &&
      hit.mtimeMs === stat.mtimeMs &&
      hit.size === stat.size &&
      hit.parsed.images.every((image) => (resolveImageFile(dir, kind, image.src)?.key ?? null) === image.key)
    ) {
      return hit.parsed as ParsedFile<RawOf<K>>;
    }
    const parsed = await parseContentFile(dir, file, kind);
    onParse?.(file);
    if (stat) this.entries.set(absolute, { mtimeMs: stat.mtimeMs, size: stat.size, parsed });
    return parsed;
  }

  /** Forgets files of `dir` that no longer exist; returns their absolute paths. */
  keepOnly(dir: string, absolutePaths: Set<string>): string[] {
    const removed: string[] = [];
    for (const key of this.entries.keys()) {
      if (key.startsWith(dir + path.sep) && !absolutePaths.has(key)) {
        this.entries.delete(key);
        removed.push(key);
      }
    }
    return removed;
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
