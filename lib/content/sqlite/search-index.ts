/**
 * SQLite's full-text index over `search_docs`: an FTS5 table with external content, so the
 * text is stored once and FTS5 reads it back for snippets. Its rowids are the documents', whose
 * order search.ts relies on (see lib/content/sql/search-index.ts). Beside it, each document's
 * folded title and keywords (`search_headings`, read by search-score.ts).
 */
import type { FullText, IndexedText } from '../sql/search-index';

import type { Db } from './connection';
import { foldText } from './search-expression';

export function sqliteFullText(db: Db): FullText {
  const insert = db.prepare(
    'INSERT INTO search_fts (rowid, title, keywords, summary, body, tags) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const remove = db.prepare(
    `INSERT INTO search_fts (search_fts, rowid, title, keywords, summary, body, tags) VALUES ('delete', ?, ?, ?, ?, ?, ?)`,
  );
  const addHeadings = db.prepare(
    'INSERT INTO search_headings (rowid, title, keywords) VALUES (?, ?, ?)',
  );
  const removeHeadings = db.prepare('DELETE FROM search_headings WHERE rowid = ?');
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
      addHeadings.run(rowid, foldText(text.title), foldText(text.keywords));
    },
    remove: async (rowid, text) => {
      remove.run(rowid, ...columns(text));
      removeHeadings.run(rowid);
    },
  };
}
