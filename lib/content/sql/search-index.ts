/**
 * Writes to the search index: `search_docs` rows, their topics and the vocabulary, in SQL both
 * engines run; the engine's full-text index over the rows is written through its FullText
 * (SQLite: an FTS5 table; PostgreSQL: a tsvector column).
 *
 * Rowids carry an order search.ts relies on: an article's grows with its date, so the newest
 * matches are read first without sorting, and topics and offerings sit after every article.
 */
import { createHash } from 'node:crypto';

import { words } from '../../search/plan';
import type { SearchType } from '../../search/types';
import type { TopicRef } from '../types';

import { value, type Dialect, type SqlRunner } from './runner';

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

export const TEXT_COLUMNS = ['title', 'keywords', 'summary', 'body'] as const;

/** A document's text, as indexed: title, keywords, summary and body, and its filter words. */
export type IndexedText = Record<(typeof TEXT_COLUMNS)[number], string> & { tags: string };

/** An engine's full-text index over `search_docs`. */
export interface FullText {
  /** Indexes a row just written. */
  add(rowid: number, text: IndexedText): Promise<void>;
  /** Unindexes a row about to be deleted. */
  remove(rowid: number, text: IndexedText): Promise<void>;
}

/** The filter words of a document (tags column): its type, and each of its topics. */
export function typeTag(type: SearchType): string {
  return `type${type}`;
}

export function topicTag(slug: string): string {
  return `topic${Buffer.from(slug).toString('hex')}`;
}

export class SearchIndex {
  constructor(
    private readonly db: SqlRunner,
    private readonly d: Dialect,
    private readonly fullText: FullText,
  ) {}

  /** Writes the document's entry, in place of any entry with its id (a stand-in, say). */
  async add(doc: IndexedDocument): Promise<void> {
    await this.remove(doc.id);
    const text = {
      ...Object.fromEntries(TEXT_COLUMNS.map((column) => [column, doc[column].replace(MARKS, '')])),
      tags: [typeTag(doc.type), ...doc.topics.map((ref) => topicTag(ref.slug))].join(' '),
    } as IndexedText;
    const rowid = await this.freeRowid(doc);
    await this.db.run(
      `INSERT INTO search_docs (rowid, id, type, slug, url, title, keywords, summary, body, tags, detail, published_at, public_from, conditional)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        rowid,
        doc.id,
        doc.type,
        doc.slug,
        doc.url,
        text.title,
        text.keywords,
        text.summary,
        text.body,
        text.tags,
        doc.detail,
        doc.publishedAt,
        doc.publicFrom,
        doc.conditional ? 1 : 0,
      ],
    );
    // The topics before the full-text entry: PostgreSQL's keeps them beside the vector.
    if (doc.topics.length > 0) {
      await this.db.run(
        `INSERT INTO search_doc_topics (doc, slug, name, label)
         SELECT ?, t.slug, t.name, t.label FROM (${this.d.jsonObjects('?', ['slug', 'name', 'label'])}) t`,
        [rowid, JSON.stringify(doc.topics)],
      );
    }
    await this.fullText.add(rowid, text);
    const terms = [...new Set(words(TEXT_COLUMNS.map((column) => text[column]).join(' ')))];
    await this.db.run(
      `INSERT INTO search_terms (term) SELECT w.value FROM (${this.d.jsonValues('?')}) w WHERE true
       ON CONFLICT (term) DO NOTHING`,
      [JSON.stringify(terms)],
    );
  }

  async remove(id: string): Promise<void> {
    const row = await this.db.get<IndexedText & { rowid: number }>(
      'SELECT rowid, title, keywords, summary, body, tags FROM search_docs WHERE id = ?',
      [id],
    );
    if (!row) return;
    await this.fullText.remove(row.rowid, row);
    await this.db.run('DELETE FROM search_doc_topics WHERE doc = ?', [row.rowid]);
    await this.db.run('DELETE FROM search_docs WHERE rowid = ?', [row.rowid]);
  }

  /** The document's place in rowid order, moved on past rowids another document holds. */
  private async freeRowid(doc: IndexedDocument): Promise<number> {
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
    const taken = (at: number) => value(this.db, 'SELECT 1 FROM search_docs WHERE rowid = ?', [at]);
    while ((await taken(rowid)) !== undefined && rowid < end - 1) rowid++;
    return rowid;
  }
}
