/**
 * Indexes a content folder into a content database from the command line (the build and the
 * content checker), printing progress on long runs.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

import { indexContent, type IndexResult } from '../../lib/content/indexer/index-content';
import type { ContentProblem } from '../../lib/content/problems';
import { contentDbPath, openContentDb, openWriter } from '../../lib/content/sqlite/connection';
import { SqliteIndexStore } from '../../lib/content/sqlite/index-store';
import { SqliteContentStore } from '../../lib/content/sqlite/queries';

export interface IndexedFolder {
  file: string;
  result: IndexResult;
  problems: ContentProblem[];
  counts: { articles: number; topics: number; offerings: number; authors: number };
}

/** The database the site reads for `dir` (the build's), or one of its own for any other folder. */
export function databaseFor(dir: string, isSiteFolder: boolean): string {
  if (isSiteFolder) return contentDbPath();
  const key = createHash('sha256').update(dir).digest('hex').slice(0, 12);
  return path.join(path.dirname(contentDbPath()), `content-check-${key}.db`);
}

export async function indexFolder(dir: string, file: string): Promise<IndexedFolder> {
  const { db, fresh } = openContentDb(file, dir);
  // Progress goes to stderr: stdout is for the problems, which scripts and tests read.
  if (fresh) console.error(`content: ${fresh}; indexing ${dir} into it`);
  const index = new SqliteIndexStore(openWriter(file));
  try {
    const result = await indexContent(index, dir, { progress: (line) => console.error(line) });
    const problems = await new SqliteContentStore(db).problems();
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      file,
      result,
      problems,
      counts: {
        articles: count('SELECT COUNT(*) FROM articles'),
        topics: count(`SELECT COUNT(*) FROM search_docs WHERE type = 'topic'`),
        offerings: count(`SELECT COUNT(*) FROM search_docs WHERE type = 'offering'`),
        authors: count(
          'SELECT COUNT(*) FROM (SELECT slug FROM authors UNION SELECT author_slug FROM article_authors)',
        ),
      },
    };
  } finally {
    index.close();
    db.close();
  }
}
