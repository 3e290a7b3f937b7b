/**
 * What a hostile case is, and the pieces its file is written with. A case is written by more
 * than one suite: each supplies a `HostileWriter` with its own article fields and prose, and
 * the case decides what it breaks.
 */
import { Scalar } from 'yaml';

import { toYaml, type FrontMatter } from '../mdx';

export interface HostileWriter {
  /** The slug of the case's own article. */
  slug: string;
  /** The slug of an ordinary article whose file name sorts before the case's. */
  existingSlug: string;
  /** The front matter of an ordinary article with this title and the case's slug. */
  fields(title: string): FrontMatter;
  /** One sentence of ordinary prose. */
  sentence(): string;
}

export interface HostileCaseDefinition {
  /** Names the file, `hostile-<id>.mdx` (a suite may put a prefix before it). */
  id: string;
  /** What the portal must do with the file: report and skip it, or publish it harmlessly. */
  expect: 'skipped' | 'published';
  /** Publishing is what should happen, but skipping is accepted as long as nothing hangs. */
  mayBeSkipped?: true;
  /** The slug the file claims, when not its own: an ordinary article's, or none readable. */
  claims?: 'existing-slug' | 'no-slug';
  why: string;
  /** Text that must still be on the published page: the prose around the attack survives it. */
  keeps?: string;
  /** Substrings the HTML of the published body must not contain (compared lower-cased). */
  absentFromBody?: string[];
  /**
   * Substrings the whole published page must not contain (compared lower-cased): front
   * matter reaches the page's <head> and header, not only its body.
   */
  absentFromPage?: string[];
  /**
   * The file's text. A corpus writer draws its fields and prose from a seeded stream in the
   * order the case asks for them, so reordering those calls changes a corpus's bytes.
   */
  text(writer: HostileWriter): string;
}

/**
 * The case's article as YAML: the writer's fields with `fields` over them (an `undefined`
 * drops one), the date quoted as the pipeline quotes it, then `yaml` as written.
 */
export function frontMatter(
  writer: HostileWriter,
  title: string,
  fields: FrontMatter = {},
  yaml = '',
): string {
  return toYaml({ ...writer.fields(title), ...fields }, { date: Scalar.QUOTE_SINGLE }) + yaml;
}

export function paragraph(writer: HostileWriter, sentences: number): string {
  return Array.from({ length: sentences }, () => writer.sentence()).join(' ');
}

/** `count` paragraphs of three sentences. */
export function paragraphs(writer: HostileWriter, count: number): string[] {
  return Array.from({ length: count }, () => paragraph(writer, 3));
}
