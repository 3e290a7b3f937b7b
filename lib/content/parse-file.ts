import fs from 'node:fs/promises';
import path from 'node:path';

import type { z } from 'zod';

import type { ImageDependency } from './compile-job';
import { compileContentBody } from './compiler';
import type { ContentKind } from './files';
import { locateIn, parseSource, type Locations, type ParsedSource } from './front-matter';
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
  /** The parse failed for a reason that may pass (see CompileOutcome): not to be kept as the file's. */
  transient?: boolean;
  /** Problems found in this file alone; problems between files are the loader's. */
  problems: ContentProblem[];
  images: ImageDependency[];
}

export type ParsedFile<Raw> =
  | (Outcome & {
      ok: true;
      source: ParsedSource;
      raw: Raw;
      body: CompiledBody | null;
      status: ArticleStatus;
    })
  | (Outcome & { ok: false });

export type RawOf<K extends ContentKind> = K extends 'news'
  ? RawArticle
  : K extends 'topics'
    ? RawTopic
    : K extends 'offerings'
      ? RawOffering
      : RawAuthor;

/**
 * A parse as the content database keeps it: plain data. The front matter is kept as written
 * (validating it again is quick; parsing the YAML and compiling the body are what cost), with
 * where each field sits, for problems found later.
 */
export interface StoredParse {
  data: unknown;
  locations: Locations;
  bodyLine: number;
  body: CompiledBody | null;
}

export function storedParse(parsed: ParsedFile<unknown>): StoredParse | null {
  if (!parsed.ok) return null;
  const { data, locations, bodyLine } = parsed.source;
  return { data, locations, bodyLine, body: parsed.body };
}

/** A stored parse made usable again: its front matter validated, and `locate` restored. */
export function readStoredParse<K extends ContentKind>(
  stored: StoredParse,
  kind: K,
): {
  raw: RawOf<K>;
  status: ArticleStatus;
  body: CompiledBody | null;
  locate: ParsedSource['locate'];
} {
  const raw = (SCHEMAS[kind] as z.ZodType<RawOf<K>>).parse(stored.data);
  const status = kind === 'news' ? articleStatus((raw as RawArticle).status) : 'published';
  if (!status) throw new Error('a stored parse of an article with an unknown status');
  return { raw, status, body: stored.body, locate: (path) => locateIn(stored.locations, path) };
}

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
  /** The file's text, when the caller has read it already. */
  text?: string,
): Promise<ParsedFile<RawOf<K>>> {
  const problems: ContentProblem[] = [];
  const images: ImageDependency[] = [];
  const report = (severity: Severity, message: string, at: { line: number; column: number }) =>
    problems.push({ file, line: at.line, column: at.column, severity, message });
  let transient = false;
  const failed = (): ParsedFile<RawOf<K>> => ({ ok: false, file, problems, images, transient });

  let source: ParsedSource;
  try {
    source = parseSource(text ?? (await fs.readFile(path.join(dir, file), 'utf8')));
  } catch (error) {
    const failure =
      error instanceof ContentError
        ? error
        : new ContentError(`could not be read: ${String(error)}`);
    report('error', `${failure.message}; the file is skipped`, failure);
    return failed();
  }

  const schema: z.ZodType<RawOf<K>> = SCHEMAS[kind];
  const validated = schema.safeParse(source.data);
  if (!validated.success) {
    for (const issue of validated.error.issues) {
      const field = issue.path
        .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
        .join('')
        .slice(1);
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
      if (outcome.transient) transient = true;
      report('error', `${outcome.message}; the file is skipped`, {
        line: toFileLine(outcome.line),
        column: outcome.column,
      });
      return failed();
    }
    for (const warning of outcome.warnings) {
      report('warning', warning.message, {
        line: toFileLine(warning.line),
        column: warning.column,
      });
    }
    body = outcome.body;
  } else if (kind === 'news') {
    report('error', 'the article has no body text; it is skipped', {
      line: source.bodyLine,
      column: 1,
    });
    return failed();
  }

  return { ok: true, file, problems, images, source, raw, body, status };
}

function valueAt(data: unknown, keys: PropertyKey[]): unknown {
  let value = data;
  for (const key of keys) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
