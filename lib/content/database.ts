import 'server-only';

import { contentDir } from './files';
import { indexContent, type IndexResult } from './indexer/index-content';
import { formatProblem, type ContentProblem } from './problems';
import {
  contentDbPath,
  isDamage,
  openContentDb,
  openWriter,
  removeDatabase,
} from './sqlite/connection';
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
    store: guarded(new SqliteContentStore(db), file),
    index,
    ready,
    close: () => {
      db.close();
      index.close();
    },
  };
  return current;
}

/**
 * The store, made to notice a damaged file: the query that finds the damage fails, the file is
 * removed, and the next query waits while it is made again from the folder.
 */
function guarded(store: ContentStore, file: string): ContentStore {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (error) {
          const open = current;
          if (open && isDamage(error) && open.store === receiver) {
            console.error(
              `content: the content database ${file} is damaged (${String(error)}); making it again from the folder`,
            );
            open.close();
            current = null;
            removeDatabase(file);
          }
          throw error;
        }
      };
    },
  });
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
export async function indexChanges(): Promise<IndexedChanges> {
  const { index, ready } = database();
  await ready;
  return runIndex(index, contentDir());
}

/** What an index run changed, and the problems of the files it changed (each logged once). */
export interface IndexedChanges extends IndexResult {
  problems: ContentProblem[];
}

let running: Promise<IndexedChanges> | null = null;

async function runIndex(index: SqliteIndexStore, dir: string): Promise<IndexedChanges> {
  while (running) await running.catch(() => undefined);
  running = indexContent(index, dir, { progress: (line) => console.info(line) }).then(
    async (result) => {
      if (result.changedFiles.length === 0) return { ...result, problems: [] };
      const problems = await problemsOf(database().store, result.changedFiles);
      for (const problem of problems) console.warn(formatProblem(problem));
      console.info(
        `content: indexed ${result.changedFiles.length} changed files in ${result.seconds.toFixed(1)} s`,
      );
      return { ...result, problems };
    },
  );
  try {
    return await running;
  } finally {
    running = null;
  }
}

/** The problems of these files: every problem, filtered, when they are most of the folder anyway. */
async function problemsOf(store: ContentStore, files: string[]): Promise<ContentProblem[]> {
  const problems = await store.problems(files.length <= 1000 ? files : undefined);
  const chosen = new Set(files);
  return problems.filter((problem) => chosen.has(problem.file));
}
