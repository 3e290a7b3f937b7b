import type { z } from 'zod';

import type { ContentKind } from './files';
import { locateIn, parseSource, type Locations, type ParsedSource } from './front-matter';
import type { BodyWarning } from './markup';
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

/** One content file to parse and compile, as sent to a compile thread (compiler.ts). */
export interface ParseJob {
  /** The content folder, to resolve the body's relative images. */
  dir: string;
  /** Relative to the folder. */
  file: string;
  kind: ContentKind;
  text: string;
}

/** An image a body refers to, and the content file it resolved to when the body was compiled. */
export interface ImageDependency {
  src: string;
  key: string | null;
  absolute: string | null;
}

/**
 * Everything about one content file that does not depend on any other file: plain data, so it
 * can cross from the compile thread that made it.
 */
export interface ParseOutcome {
  /** The file's parse as the database keeps it; null when the file is skipped. */
  parsed: StoredParse | null;
  /** Problems found in this file alone; problems between files are the indexer's. */
  problems: ContentProblem[];
  images: ImageDependency[];
  /** The parse failed for a reason that may pass (the thread crashed): not to be kept as the file's. */
  transient?: boolean;
}

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

/** A body's compile, with the images it refers to; lines are relative to the body. */
export type CompileOutcome =
  | { ok: true; body: CompiledBody; warnings: BodyWarning[]; images: ImageDependency[] }
  | { ok: false; message: string; line: number; column: number; images: ImageDependency[] };

/**
 * Front matter, schema, status and the compiled body of one file. Runs in a compile thread
 * (compile-job.ts). Never throws: a broken file comes back without a parse, with the problems
 * that explain why.
 */
export async function parseFile(
  job: ParseJob,
  compile: (body: string) => Promise<CompileOutcome>,
): Promise<ParseOutcome> {
  const { file, kind } = job;
  const problems: ContentProblem[] = [];
  const report = (severity: Severity, message: string, at: { line: number; column: number }) =>
    problems.push({ file, line: at.line, column: at.column, severity, message });
  const failed = (): ParseOutcome => ({ parsed: null, problems, images: [] });

  let source: ParsedSource;
  try {
    source = parseSource(job.text);
  } catch (error) {
    const failure =
      error instanceof ContentError
        ? error
        : new ContentError(`could not be read: ${String(error)}`);
    report('error', `${failure.message}; the file is skipped`, failure);
    return failed();
  }

  // As the database will keep it (JSON: a YAML `.nan` is null), so that linking the file from
  // this parse, now or from the database later, sees the same front matter.
  const data: unknown = JSON.parse(JSON.stringify(source.data));
  const validated = SCHEMAS[kind].safeParse(data);
  if (!validated.success) {
    for (const issue of validated.error.issues) {
      const field = issue.path
        .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
        .join('')
        .slice(1);
      const got = valueAt(data, issue.path) === undefined ? 'is missing' : issue.message;
      report('error', `field "${field}": ${got}; the file is skipped`, source.locate(issue.path));
    }
    return failed();
  }

  // Topics, offerings and authors have no status: they are always published.
  const value = kind === 'news' ? (validated.data as RawArticle).status : null;
  if (!articleStatus(value)) {
    report(
      'error',
      `field "status": expected '' (published) or 'draft', got "${value}"; the article is not published`,
      source.locate(['status']),
    );
    return failed();
  }

  const { locations, bodyLine } = source;
  if (!source.body.trim()) {
    if (kind === 'news') {
      report('error', 'the article has no body text; it is skipped', { line: bodyLine, column: 1 });
      return failed();
    }
    return { parsed: { data, locations, bodyLine, body: null }, problems, images: [] };
  }
  const toFileLine = (line: number) => line + bodyLine - 1;
  const outcome = await compile(source.body);
  const images = outcome.images;
  if (!outcome.ok) {
    report('error', `${outcome.message}; the file is skipped`, {
      line: toFileLine(outcome.line),
      column: outcome.column,
    });
    return { parsed: null, problems, images };
  }
  for (const warning of outcome.warnings) {
    report('warning', warning.message, { line: toFileLine(warning.line), column: warning.column });
  }
  return { parsed: { data, locations, bodyLine, body: outcome.body }, problems, images };
}

function valueAt(data: unknown, keys: PropertyKey[]): unknown {
  let value = data;
  for (const key of keys) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
