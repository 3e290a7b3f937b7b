/**
 * Topics and offerings no profile describes ("stand-ins"): they exist through the articles
 * (and offerings) that name them, and their search entries are made from those references
 * whenever the references change (IndexWriter.refreshReferencedOnly). An entry is public from
 * the earliest date of those references (never, when none is dated), the moment the first of
 * them becomes visible: a search judges it by that date alone, as an article by its own
 * (lib/content/postgres/search.ts), rather than by looking up its references at every query.
 */
import type { TopicRef } from '../types';

import { column, value, type SqlRunner } from './runner';
import type { IndexedDocument, SearchIndex } from './search-index';

export class StandIns {
  constructor(
    private readonly db: SqlRunner,
    private readonly search: SearchIndex,
  ) {}

  private column(sql: string, params: unknown[]): Promise<string[]> {
    return column<string>(this.db, sql, params);
  }

  /** The earliest date of some references (`MIN(public_from)`); null when none is dated. */
  private async earliest(sql: string, params: unknown[]): Promise<number | null> {
    return (await value<number | null>(this.db, sql, params)) ?? null;
  }

  /** Rebuilds the search entries of these topics and offerings where they have no profile. */
  async refresh(topicSlugs: string[], offeringSlugs: string[]): Promise<void> {
    const topics = new Set(topicSlugs);
    // An offering without a profile gives topics of its own: they may come or go with it.
    const topicsOf = (slug: string) =>
      this.column(
        `SELECT t.slug FROM search_docs d JOIN search_doc_topics t ON t.doc = d.rowid WHERE d.id = 'offering:' || ?`,
        [slug],
      );
    for (const slug of new Set(offeringSlugs)) {
      for (const topic of await topicsOf(slug)) topics.add(topic);
      await this.refreshOfferingStub(slug);
      for (const topic of await topicsOf(slug)) topics.add(topic);
    }
    for (const slug of topics) await this.refreshTopicStub(slug);
  }

  /** An offering without a profile: named by articles, found while one of them is visible. */
  private async refreshOfferingStub(slug: string): Promise<void> {
    if (await value(this.db, 'SELECT 1 FROM offerings WHERE slug = ?', [slug])) return;
    const first = await value<string>(
      this.db,
      'SELECT label FROM article_offerings WHERE offering_slug = ? ORDER BY file LIMIT 1',
      [slug],
    );
    const topics = await this.db.all<TopicRef>(
      `SELECT topic_slug AS slug, MIN(name) AS name, MIN(label) AS label FROM article_offering_topics
       WHERE offering_slug = ? GROUP BY topic_slug ORDER BY MIN(file), MIN(rowid)`,
      [slug],
    );
    await this.putStub(
      first === undefined
        ? null
        : {
            id: `offering:${slug}`,
            type: 'offering',
            slug,
            url: `/offering/${slug}`,
            title: first,
            keywords: topics.map((ref) => ref.label).join(' '),
            summary: '',
            body: '',
            detail: null,
            publishedAt: null,
            publicFrom: await this.earliest(
              'SELECT MIN(public_from) FROM article_offerings WHERE offering_slug = ?',
              [slug],
            ),
            topics,
            conditional: true,
          },
      `offering:${slug}`,
    );
  }

  /**
   * A topic without a profile: it exists while a visible article names it, or an offering does
   * (one with a profile always; one without while an article naming it is visible).
   */
  private async refreshTopicStub(slug: string): Promise<void> {
    if (await value(this.db, 'SELECT 1 FROM topics WHERE slug = ?', [slug])) return;
    const first = (sql: string) => this.db.get<{ name: string; label: string }>(sql, [slug]);
    const named = await first(
      'SELECT name, label FROM article_topics WHERE topic_slug = ? ORDER BY file LIMIT 1',
    );
    const byProfile = await first(
      'SELECT name, label FROM offering_topics WHERE topic_slug = ? LIMIT 1',
    );
    const viaStubOffering = await first(
      `SELECT name, label FROM article_offering_topics r WHERE topic_slug = ?
       AND NOT EXISTS (SELECT 1 FROM offerings o WHERE o.slug = r.offering_slug) ORDER BY file LIMIT 1`,
    );
    const ref = named ?? byProfile ?? viaStubOffering;
    const referencedFrom = () =>
      this.earliest(
        `SELECT MIN(public_from) FROM (
           SELECT public_from FROM article_topics WHERE topic_slug = ?
           UNION ALL
           SELECT r.public_from FROM article_offering_topics r WHERE r.topic_slug = ?
             AND NOT EXISTS (SELECT 1 FROM offerings o WHERE o.slug = r.offering_slug)) refs`,
        [slug, slug],
      );
    await this.putStub(
      ref
        ? {
            id: `topic:${slug}`,
            type: 'topic',
            slug,
            url: `/topic/${slug}`,
            title: ref.label,
            keywords: ref.name,
            summary: '',
            body: '',
            detail: null,
            publishedAt: null,
            publicFrom: byProfile ? 0 : await referencedFrom(),
            topics: [{ slug, name: ref.name, label: ref.label }],
            conditional: !byProfile,
          }
        : null,
      `topic:${slug}`,
    );
  }

  /** Writes a stub's entry, or removes it (null); leaves an entry that would not change alone. */
  private async putStub(doc: IndexedDocument | null, id: string): Promise<void> {
    const existing = await this.db.get<{
      rowid: number;
      title: string;
      keywords: string;
      public_from: number | null;
      conditional: number;
    }>('SELECT rowid, title, keywords, public_from, conditional FROM search_docs WHERE id = ?', [
      id,
    ]);
    if (
      doc &&
      existing &&
      existing.title === doc.title &&
      existing.keywords === doc.keywords &&
      existing.public_from === doc.publicFrom &&
      existing.conditional === (doc.conditional ? 1 : 0) &&
      JSON.stringify(
        await this.db.all<TopicRef>(
          'SELECT slug, name, label FROM search_doc_topics WHERE doc = ? ORDER BY rowid',
          [existing.rowid],
        ),
      ) === JSON.stringify(doc.topics)
    ) {
      return;
    }
    if (doc) await this.search.add(doc);
    else await this.search.remove(id);
  }
}
