/**
 * Indexes a content folder into a content database from the command line (the build and the
 * content checker), printing progress on long runs.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

import {
  contentDatabaseSetting,
  contentDbSetting,
  type ContentDatabaseSetting,
} from '../../lib/config';
import { openEngine } from '../../lib/content/engine';
import { indexContent, type IndexResult } from '../../lib/content/indexer/index-content';
import type { ContentProblem } from '../../lib/content/problems';

export interface IndexedFolder {
  result: IndexResult;
  problems: ContentProblem[];
  counts: { articles: number; topics: number; offerings: number; authors: number };
}

/**
 * The database the site reads for `dir` (the build's: SQLite's file or DATABASE_URL), or a
 * SQLite file of its own for any other folder (checking one never touches the site's).
 */
export function databaseFor(dir: string, isSiteFolder: boolean): ContentDatabaseSetting {
  if (isSiteFolder) return contentDatabaseSetting();
  const key = createHash('sha256').update(dir).digest('hex').slice(0, 12);
  return {
    engine: 'sqlite',
    file: path.join(path.dirname(contentDbSetting()), `content-check-${key}.db`),
  };
}

export async function indexFolder(
  dir: string,
  target: ContentDatabaseSetting,
): Promise<IndexedFolder> {
  const engine = await openEngine(target, dir);
  // Progress goes to stderr: stdout is for the problems, which scripts and tests read.
  if (engine.fresh) console.error(`content: ${engine.fresh}; indexing ${dir} into it`);
  try {
    const result = await indexContent(engine.index, dir, {
      progress: (line) => console.error(line),
    });
    await engine.index.markIndexed?.(new Date());
    const problems = await engine.store.problems();
    const count = async (sql: string) =>
      (await engine.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${sql}`))?.n ?? 0;
    return {
      result,
      problems,
      counts: {
        articles: await count('articles'),
        topics: await count(`search_docs WHERE type = 'topic'`),
        offerings: await count(`search_docs WHERE type = 'offering'`),
        authors: await count(
          '(SELECT slug FROM authors UNION SELECT author_slug FROM article_authors) named',
        ),
      },
    };
  } finally {
    await engine.close();
  }
}
