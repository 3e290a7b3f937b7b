/**
 * The indexer's writes (see lib/content/indexer/store.ts), in SQL both engines run. Every row
 * keeps the file it came from, so that a file's contribution can be removed and written again
 * on its own. The engine's IndexStore runs them in its transaction.
 *
 * This class is only the interface: the writes are grouped by the tables they keep, in
 * source-rows.ts, file-rows.ts, slug-claims.ts, entry-rows.ts and stand-ins.ts.
 */
import type { ContentKind } from '../files';
import type { Location } from '../front-matter';
import type { IndexWriter, Profiles, SourceState } from '../indexer/store';
import type {
  ReshapedArticle,
  ReshapedAuthor,
  ReshapedOffering,
  ReshapedTopic,
} from '../indexer/reshape';
import type { StoredParse } from '../parse-file';
import type { ContentProblem } from '../problems';
import type { Touch } from '../touched-paths';

import * as entries from './entry-rows';
import * as fileRows from './file-rows';
import type { Dialect, SqlRunner } from './runner';
import { SearchIndex, type FullText } from './search-index';
import * as claims from './slug-claims';
import * as sources from './source-rows';
import { StandIns } from './stand-ins';

export class SqlIndexWriter implements IndexWriter {
  private readonly search: SearchIndex;
  private readonly standIns: StandIns;

  constructor(
    private readonly db: SqlRunner,
    d: Dialect,
    fullText: FullText,
  ) {
    this.search = new SearchIndex(db, d, fullText);
    this.standIns = new StandIns(db, this.search);
  }

  putSource(
    state: SourceState,
    parsed: StoredParse | null,
    problems: ContentProblem[],
  ): Promise<void> {
    return sources.putSource(this.db, state, parsed, problems);
  }

  touchSource(file: string, mtimeMs: number): Promise<void> {
    return sources.touchSource(this.db, file, mtimeMs);
  }

  deleteSource(file: string): Promise<void> {
    return sources.deleteSource(this.db, file);
  }

  storedParse(file: string): Promise<{ kind: ContentKind; parsed: StoredParse | null } | null> {
    return sources.storedParse(this.db, file);
  }

  touchOf(file: string): Promise<Touch | null> {
    return fileRows.touchOf(this.db, file);
  }

  unlink(file: string): Promise<void> {
    return fileRows.unlink(this.db, this.search, file);
  }

  claimSlug(kind: ContentKind, slug: string, file: string, at: Location): Promise<string> {
    return claims.claimSlug(this.db, this.search, kind, slug, file, at);
  }

  nextClaimants(freed: string[]): Promise<string[]> {
    return claims.nextClaimants(this.db, freed);
  }

  profiles(): Promise<Profiles> {
    return fileRows.profiles(this.db);
  }

  putTopic(topic: ReshapedTopic): Promise<void> {
    return entries.putTopic(this.db, this.search, topic);
  }

  putOffering(offering: ReshapedOffering): Promise<void> {
    return entries.putOffering(this.db, this.search, offering);
  }

  putAuthor(author: ReshapedAuthor): Promise<void> {
    return entries.putAuthor(this.db, author);
  }

  putArticle(article: ReshapedArticle): Promise<void> {
    return entries.putArticle(this.db, this.search, article);
  }

  putLinkProblems(file: string, problems: ContentProblem[]): Promise<void> {
    return entries.putLinkProblems(this.db, file, problems);
  }

  filesNaming(
    topics: { slugs: string[]; names: string[] },
    offerings: { slugs: string[]; ids: number[] },
    authorKeys: string[],
  ): Promise<string[]> {
    return fileRows.filesNaming(this.db, topics, offerings, authorKeys);
  }

  refreshReferencedOnly(topicSlugs: string[], offeringSlugs: string[]): Promise<void> {
    return this.standIns.refresh(topicSlugs, offeringSlugs);
  }
}
