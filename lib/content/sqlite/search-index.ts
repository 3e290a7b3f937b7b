/**
 * Writes to the search index: `search_docs` rows and the FTS5 index over them (external
 * content, so the text is stored once and FTS5 reads it back for snippets).
 */
import type { SearchType } from '../../search/types';
import type { TopicRef } from '../types';

import type { Db } from './connection';

export interface IndexedDocument {
  id: string;
  type: SearchType;
  slug: string;
  url: string;
  /** Weighted highest. */
  title: string;
  /** Names it is known by but that are not its title: vendor, topic labels, source. */
  keywords: string;
  summary: string;
  body: string;
  detail: string | null;
  publishedAt: string | null;
  /** Epoch ms from which readers may see it; null: never (a draft); 0: always. */
  publicFrom: number | null;
  topics: TopicRef[];
  /** Slugs of articles one of which must be public for it to be found; null: no condition. */
  requires: string[] | null;
}

/** The characters snippets and highlights are marked with (search.ts): never in indexed text. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
const MARKS = /[\uE000\uE001]/g;

const TEXT_COLUMNS = ['title', 'keywords', 'summary', 'body'] as const;

export class SearchIndex {
  constructor(private readonly db: Db) {}

  add(doc: IndexedDocument): void {
    const text = Object.fromEntries(
      TEXT_COLUMNS.map((column) => [column, doc[column].replace(MARKS, '')]),
    ) as Record<(typeof TEXT_COLUMNS)[number], string>;
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO search_docs (id, type, slug, url, title, keywords, summary, body, detail, published_at, public_from, conditional)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        doc.id,
        doc.type,
        doc.slug,
        doc.url,
        text.title,
        text.keywords,
        text.summary,
        text.body,
        doc.detail,
        doc.publishedAt,
        doc.publicFrom,
        doc.requires ? 1 : 0,
      );
    this.db
      .prepare(
        'INSERT INTO search_fts (rowid, title, keywords, summary, body) VALUES (?, ?, ?, ?, ?)',
      )
      .run(lastInsertRowid, text.title, text.keywords, text.summary, text.body);
    const topic = this.db.prepare(
      'INSERT INTO search_doc_topics (doc, slug, name, label) VALUES (?, ?, ?, ?)',
    );
    for (const ref of doc.topics) topic.run(lastInsertRowid, ref.slug, ref.name, ref.label);
    const requires = this.db.prepare(
      'INSERT INTO search_requires (doc, article_slug) VALUES (?, ?)',
    );
    for (const slug of new Set(doc.requires ?? [])) requires.run(lastInsertRowid, slug);
  }

  remove(id: string): void {
    const row = this.db
      .prepare('SELECT rowid, title, keywords, summary, body FROM search_docs WHERE id = ?')
      .get(id) as
      { rowid: number; title: string; keywords: string; summary: string; body: string } | undefined;
    if (!row) return;
    this.db
      .prepare(
        `INSERT INTO search_fts (search_fts, rowid, title, keywords, summary, body) VALUES ('delete', ?, ?, ?, ?, ?)`,
      )
      .run(row.rowid, row.title, row.keywords, row.summary, row.body);
    for (const table of ['search_doc_topics', 'search_requires']) {
      this.db.prepare(`DELETE FROM ${table} WHERE doc = ?`).run(row.rowid);
    }
    this.db.prepare('DELETE FROM search_docs WHERE rowid = ?').run(row.rowid);
  }
}
