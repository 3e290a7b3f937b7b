/**
 * Writes to the search index: `search_docs` rows and the FTS5 index over them (external
 * content, so the text is stored once and FTS5 reads it back for snippets).
 *
 * Rowids carry an order search.ts relies on: an article's grows with its date, so the newest
 * matches are read first without sorting, and topics and offerings sit after every article.
 */
import { createHash } from 'node:crypto';

import { words } from '../../search/plan';
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
  /** A topic or offering that exists only while a visible article names it (queries.ts). */
  conditional: boolean;
}

/** The characters snippets and highlights are marked with (search.ts): never in indexed text. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
const MARKS = /[\uE000\uE001]/g;

/** Rowids of topics and offerings start here; every article's is below (see articleRowid). */
export const OTHERS_FROM = 2 ** 50;
/** Rowids per second of publication date: articles of one second are told apart by slug. */
const PER_SECOND = 4096;

const TEXT_COLUMNS = ['title', 'keywords', 'summary', 'body'] as const;

/** The filter words of a document (tags column): its type, and each of its topics. */
export function typeTag(type: SearchType): string {
  return `type${type}`;
}

export function topicTag(slug: string): string {
  return `topic${Buffer.from(slug).toString('hex')}`;
}

export class SearchIndex {
  constructor(private readonly db: Db) {}

  /** Writes the document's entry, in place of any entry with its id (a stand-in, say). */
  add(doc: IndexedDocument): void {
    this.remove(doc.id);
    const text = Object.fromEntries(
      TEXT_COLUMNS.map((column) => [column, doc[column].replace(MARKS, '')]),
    ) as Record<(typeof TEXT_COLUMNS)[number], string>;
    const tags = [typeTag(doc.type), ...doc.topics.map((ref) => topicTag(ref.slug))].join(' ');
    const rowid = this.freeRowid(doc);
    this.db
      .prepare(
        `INSERT INTO search_docs (rowid, id, type, slug, url, title, keywords, summary, body, tags, detail, published_at, public_from, conditional)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        rowid,
        doc.id,
        doc.type,
        doc.slug,
        doc.url,
        text.title,
        text.keywords,
        text.summary,
        text.body,
        tags,
        doc.detail,
        doc.publishedAt,
        doc.publicFrom,
        doc.conditional ? 1 : 0,
      );
    this.db
      .prepare(
        'INSERT INTO search_fts (rowid, title, keywords, summary, body, tags) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(rowid, text.title, text.keywords, text.summary, text.body, tags);
    const topic = this.db.prepare(
      'INSERT INTO search_doc_topics (doc, slug, name, label) VALUES (?, ?, ?, ?)',
    );
    for (const ref of doc.topics) topic.run(rowid, ref.slug, ref.name, ref.label);
    const term = this.db.prepare('INSERT OR IGNORE INTO search_terms (term) VALUES (?)');
    for (const word of new Set(words(TEXT_COLUMNS.map((column) => text[column]).join(' ')))) {
      term.run(word);
    }
  }

  remove(id: string): void {
    const row = this.db
      .prepare('SELECT rowid, title, keywords, summary, body, tags FROM search_docs WHERE id = ?')
      .get(id) as
      | {
          rowid: number;
          title: string;
          keywords: string;
          summary: string;
          body: string;
          tags: string;
        }
      | undefined;
    if (!row) return;
    this.db
      .prepare(
        `INSERT INTO search_fts (search_fts, rowid, title, keywords, summary, body, tags) VALUES ('delete', ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.rowid, row.title, row.keywords, row.summary, row.body, row.tags);
    this.db.prepare('DELETE FROM search_doc_topics WHERE doc = ?').run(row.rowid);
    this.db.prepare('DELETE FROM search_docs WHERE rowid = ?').run(row.rowid);
  }

  /** The document's place in rowid order, moved on past rowids another document holds. */
  private freeRowid(doc: IndexedDocument): number {
    const spread = createHash('sha1').update(doc.id).digest().readUInt32BE(0);
    let rowid: number;
    let end: number;
    if (doc.type === 'article' && doc.publishedAt) {
      const seconds = Math.max(0, Math.floor(Date.parse(doc.publishedAt) / 1000));
      rowid = seconds * PER_SECOND + (spread % PER_SECOND);
      end = OTHERS_FROM;
    } else {
      rowid = OTHERS_FROM + spread;
      end = Number.MAX_SAFE_INTEGER;
    }
    const taken = this.db.prepare('SELECT 1 FROM search_docs WHERE rowid = ?').pluck();
    while (taken.get(rowid) !== undefined && rowid < end - 1) rowid++;
    return rowid;
  }
}
