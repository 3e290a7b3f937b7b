/**
 * SQLite's full-text index over `search_docs`: an FTS5 table with external content, so the
 * text is stored once and FTS5 reads it back for snippets. Its rowids are the documents', whose
 * order search.ts relies on (see lib/content/sql/search-index.ts).
 */
import type { FullText, IndexedText } from '../sql/search-index';

import type { Db } from './connection';

export function sqliteFullText(db: Db): FullText {
  const insert = db.prepare(
    'INSERT INTO search_fts (rowid, title, keywords, summary, body, tags) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const remove = db.prepare(
    `INSERT INTO search_fts (search_fts, rowid, title, keywords, summary, body, tags) VALUES ('delete', ?, ?, ?, ?, ?, ?)`,
  );
  const columns = (text: IndexedText) => [
    text.title,
    text.keywords,
    text.summary,
    text.body,
    text.tags,
  ];
  return {
    add: async (rowid, text) => {
      insert.run(rowid, ...columns(text));
    },
    remove: async (rowid, text) => {
      remove.run(rowid, ...columns(text));
    },
  };
}
