import 'server-only';

import { contentDir } from './files';
import { indexContent, type IndexResult } from './indexer/index-content';
import { formatProblem } from './problems';
import { contentDbPath, openContentDb, openWriter } from './sqlite/connection';
import { SqliteIndexStore } from './sqlite/index-store';
import { SqliteContentStore } from './sqlite/queries';
import type { ContentStore } from './store';

/**
 * This process's way to the content database: one reading connection and one writing one (the
 * indexer), opened on first use. Nothing of the content is held here: every query goes to the
 * database. The build fills the database (`npm run content:index`); a process that finds it
 * missing, damaged, of an older format or of another folder makes it again from the folder.
 */
interface Database {
  key: string;
  store: ContentStore;
  index: SqliteIndexStore;
  /** Settles once the database holds the folder. */
  ready: Promise<unknown>;
  close: () => void;
}

let current: Database | null = null;

function database(): Database {
  const dir = contentDir();
  const file = contentDbPath();
  const key = `${file}\n${dir}`;
  if (current?.key === key) return current;
  current?.close();
  const { db, fresh } = openContentDb(file, dir);
  const index = new SqliteIndexStore(openWriter(file));
  let ready: Promise<unknown> = Promise.resolve();
  if (fresh) {
    console.warn(`content: ${fresh}; indexing ${dir} into it`);
    ready = runIndex(index, dir);
  }
  current = {
    key,
    store: new SqliteContentStore(db),
    index,
    ready,
    close: () => {
      db.close();
      index.close();
    },
  };
  return current;
}

/** The content store, once it holds the folder. */
export async function contentStore(): Promise<ContentStore> {
  const { store, ready } = database();
  await ready;
  return store;
}

/**
 * Indexes what changed in the folder since the last run (every file, the first time). Runs in
 * this process one at a time; another process indexing the same database waits its turn.
 */
export async function indexChanges(): Promise<IndexResult> {
  const { index, ready } = database();
  await ready;
  return runIndex(index, contentDir());
}

let running: Promise<IndexResult> | null = null;

async function runIndex(index: SqliteIndexStore, dir: string): Promise<IndexResult> {
  while (running) await running.catch(() => undefined);
  running = indexContent(index, dir, { progress: (line) => console.info(line) });
  try {
    const result = await running;
    if (result.changedFiles.length > 0) logProblems(await database().store.problems(), result);
    return result;
  } finally {
    running = null;
  }
}

function logProblems(
  problems: Awaited<ReturnType<ContentStore['problems']>>,
  result: IndexResult,
): void {
  const changed = new Set(result.changedFiles);
  for (const problem of problems)
    if (changed.has(problem.file)) console.warn(formatProblem(problem));
  console.info(
    `content: indexed ${result.changedFiles.length} changed files in ${result.seconds.toFixed(1)} s`,
  );
}
