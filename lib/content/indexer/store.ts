/**
 * What the indexer needs of a database: the state of every file it indexed, and writes made
 * together. SQLite (lib/content/sqlite/index-store.ts) and PostgreSQL
 * (lib/content/postgres/index-store.ts) implement it, and the indexer fills each exactly the
 * same way.
 */
import type { ContentKind } from '../files';
import type { Location } from '../front-matter';
import type { ImageDependency, StoredParse } from '../parse-file';
import type { ContentProblem } from '../problems';
import type { Touch } from '../touched-paths';
import type { TopicRef } from '../types';

import type { ReshapedArticle, ReshapedAuthor, ReshapedOffering, ReshapedTopic } from './reshape';

/** A file as it was when it was last indexed. */
export interface SourceState {
  file: string;
  kind: ContentKind;
  size: number;
  mtimeMs: number;
  /** SHA-256 of the file's bytes: an unchanged file is never parsed again. */
  hash: string;
  /** Images the file names: when one appears or goes, the file is indexed again. */
  images: ImageDependency[];
}

export interface Profiles {
  topics: TopicRef[];
  offerings: { slug: string; offeringId: number | null }[];
  /** Author profiles by the slug their name makes (see authorKey in reshape.ts). */
  authors: { slug: string; key: string }[];
}

export interface IndexStore {
  /** Every indexed file's state, or only these files' (paths relative to the folder). */
  sourceStates(files?: readonly string[]): Promise<Map<string, SourceState>>;
  /** Runs `work` as one transaction: readers see all of it or none of it. */
  write<T>(work: (tx: IndexWriter) => Promise<T>): Promise<T>;
  /** After each run: lets the engine reorganise its indexes for reading. */
  compact?(): Promise<void>;
  /** After a run in a serving process: gives back what the run cached, until the next one. */
  release?(): void;
  close(): void;
}

export interface IndexWriter {
  putSource(
    state: SourceState,
    parsed: StoredParse | null,
    problems: ContentProblem[],
  ): Promise<void>;
  /** Keeps a file's parse but records that its modification time moved (a touch, a copy). */
  touchSource(file: string, mtimeMs: number): Promise<void>;
  deleteSource(file: string): Promise<void>;
  storedParse(file: string): Promise<{ kind: ContentKind; parsed: StoredParse | null } | null>;

  /** What the pages show of a file now, for the paths a change touches; null when nothing. */
  touchOf(file: string): Promise<Touch | null>;
  /** Removes everything the file contributed to the site (its entity, references, problems, claim). */
  unlink(file: string): Promise<void>;
  /**
   * Records that `file` names this slug and answers which file owns it: the first by path of
   * every file that names it. A file that does not own its slug is skipped.
   */
  claimSlug(kind: ContentKind, slug: string, file: string, at: Location): Promise<string>;
  /** Files that name a slug no other file owns after `freed` gave it up. */
  nextClaimants(freed: string[]): Promise<string[]>;

  profiles(): Promise<Profiles>;
  putTopic(topic: ReshapedTopic): Promise<void>;
  putOffering(offering: ReshapedOffering): Promise<void>;
  putAuthor(author: ReshapedAuthor): Promise<void>;
  putArticle(article: ReshapedArticle): Promise<void>;
  putLinkProblems(file: string, problems: ContentProblem[]): Promise<void>;

  /**
   * Files whose references a change of these profiles may resolve differently: topics by slug
   * or name, offerings by slug or id, authors by the slug a byline's name makes.
   */
  filesNaming(
    topics: { slugs: string[]; names: string[] },
    offerings: { slugs: string[]; ids: number[] },
    authorKeys: string[],
  ): Promise<string[]>;
  /** Rebuilds the search entries of topics and offerings that exist only through references. */
  refreshReferencedOnly(topicSlugs: string[], offeringSlugs: string[]): Promise<void>;
}
