import 'server-only';

import { contentDatabaseSetting, type ContentDatabaseSetting } from '../config';

import { contentDir } from './files';
import type { IndexOptions, IndexResult } from './indexer/index-content';
import type { IndexStore } from './indexer/store';
import { openPool, prepareSchema, pgRunner } from './postgres/connection';
import { PgIndexStore } from './postgres/index-store';
import { PgContentStore } from './postgres/queries';
import { problemReport, type ContentProblem } from './problems';
import { isDamage, openContentDb, openWriter, removeDatabase } from './sqlite/connection';
import { SqliteIndexStore } from './sqlite/index-store';
import { SqliteContentStore } from './sqlite/queries';
import type { ContentStore } from './store';

/**
 * This process's way to the content database, opened on first use: SQLite's file (a reading
 * connection and the indexer's), or PostgreSQL when `DATABASE_URL` names it (one pool). Nothing
 * of the content is held here: every query goes to the database. The build fills the database
 * (`npm run content:index`); a process that finds it missing, damaged, of an older format or of
 * another folder makes it again from the folder.
 */
interface Database {
  key: string;
  store: ContentStore;
  index: IndexStore & { markIndexed?: (at: Date) => Promise<void> };
  /** Settles once the database holds the folder. */
  ready: Promise<unknown>;
  /** Resolves if the database turns out to need making from the folder (a long wait). */
  making: Promise<void>;
  settled: boolean;
  /** Fails when the database cannot answer, or holds no indexed folder yet. */
  ping: () => Promise<void>;
  close: () => void;
}

let current: Database | null = null;

function database(): Database {
  const setting = contentDatabaseSetting();
  const dir = contentDir();
  const key =
    setting.engine === 'sqlite'
      ? `${setting.file}\n${dir}`
      : `${setting.url}\n${setting.schema}\n${dir}`;
  if (current?.key === key) return current;
  current?.close();
  const opened =
    setting.engine === 'sqlite' ? openSqlite(setting.file, dir) : openPostgres(setting, dir);
  const db: Database = { key, settled: false, ...opened };
  db.ready = opened.ready.then(
    () => {
      db.settled = true;
    },
    (error: unknown) => {
      // Nothing was made: the next request tries again (the database may be back by then).
      if (current === db) {
        current = null;
        db.close();
      }
      throw error;
    },
  );
  current = db;
  return db;
}

type Opened = Omit<Database, 'key' | 'settled'>;

function openSqlite(file: string, dir: string): Opened {
  const { db, fresh } = openContentDb(file, dir);
  const index = new SqliteIndexStore(openWriter(file));
  let ready: Promise<unknown> = Promise.resolve();
  const making = fresh ? Promise.resolve() : new Promise<void>(() => undefined);
  if (fresh) {
    console.warn(`content: ${fresh}; indexing ${dir} into it`);
    ready = runIndex(index, dir);
  }
  const store = guarded(new SqliteContentStore(db), (error) => {
    if (!isDamage(error)) return false;
    console.error(
      `content: the content database ${file} is damaged (${String(error)}); making it again from the folder`,
    );
    removeDatabase(file);
    return true;
  });
  return {
    store,
    index,
    ready,
    making,
    ping: async () => {
      db.prepare('SELECT 1 FROM meta').get();
    },
    close: () => {
      db.close();
      index.close();
    },
  };
}

function openPostgres(
  setting: Extract<ContentDatabaseSetting, { engine: 'postgres' }>,
  dir: string,
): Opened {
  const pool = openPool(setting.url, setting.schema);
  const index = new PgIndexStore(pool, setting.schema);
  let startMaking = () => {};
  const making = new Promise<void>((resolve) => (startMaking = resolve));
  const ready = prepareSchema(pool, setting.schema, dir).then(async (fresh) => {
    if (!fresh) return;
    startMaking();
    console.warn(`content: ${fresh}; indexing ${dir} into it`);
    await runIndex(index, dir);
  });
  // A schema dropped under a running server is made again, like a damaged SQLite file.
  const store = guarded(new PgContentStore(pool), (error) => {
    const code = ((error as { cause?: { code?: unknown } }).cause ?? {}).code;
    if (code !== '42P01' && code !== '3F000') return false;
    console.error(
      `content: the content schema "${setting.schema}" is gone (${String(error)}); making it again from the folder`,
    );
    return true;
  });
  return {
    store,
    index,
    ready,
    making,
    ping: async () => {
      const indexed = await pgRunner(pool).get(`SELECT value FROM meta WHERE key = 'indexed_at'`);
      if (!indexed) throw new Error('the content database holds no indexed folder yet');
    },
    close: () => {
      pool.end().catch(() => undefined);
    },
  };
}

/**
 * The store, made to notice a database that has to be made again (`lost` says so and clears
 * it): the query that finds out fails, and the next one waits while it is made from the folder.
 */
function guarded(store: ContentStore, lost: (error: unknown) => boolean): ContentStore {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (error) {
          const open = current;
          if (open && open.store === receiver && lost(error)) {
            open.close();
            current = null;
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
 * Whether this server can answer pages now: the content database answers and holds the folder.
 * Never throws; `reason` says what is wrong, for a readiness probe (`/readyz`) to show.
 */
export async function checkContentReady(): Promise<{ ready: boolean; reason: string | null }> {
  try {
    const db = database();
    if (!db.settled) {
      // Opening it is waited for (a process's first probe is often its first use of it);
      // making it from the folder takes longer, and a probe answers meanwhile.
      await Promise.race([db.ready, db.making]);
      if (!db.settled) {
        db.ready.catch(() => undefined);
        return { ready: false, reason: 'the content database is being made from the folder' };
      }
    }
    await db.ping();
    return { ready: true, reason: null };
  } catch (error) {
    return { ready: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Indexes what changed in the folder since the last run (every file, the first time), or only
 * `files` when the caller knows which it changed (IndexOptions.files). Runs in this process one
 * at a time; another process indexing the same database waits its turn.
 */
export async function indexChanges(files?: readonly string[]): Promise<IndexedChanges> {
  const { index, ready } = database();
  await ready;
  return runIndex(index, contentDir(), { files, compact: false });
}

/**
 * What an index run changed, and every problem of the files it changed (what of them is logged:
 * see problemReport).
 */
export interface IndexedChanges extends IndexResult {
  problems: ContentProblem[];
}

let running: Promise<IndexedChanges> | null = null;
/** Lists every problem of the folder this server reads, from the database it reads. */
const CHECK_COMMAND = '`npm run content:check`';

async function runIndex(
  index: Database['index'],
  dir: string,
  options: Pick<IndexOptions, 'files' | 'compact'> = {},
): Promise<IndexedChanges> {
  const { files } = options;
  while (running) await running.catch(() => undefined);
  // The indexer, its front-matter parser and its schemas are loaded on the first run, not with
  // the pages that only read the database: a server's first revalidation, or a fresh database.
  running = import('./indexer/index-content')
    .then(({ indexContent }) =>
      indexContent(index, dir, { progress: (line) => console.info(line), ...options }),
    )
    .then(async (result) => {
      if (!files) await index.markIndexed?.(new Date());
      if (result.changedFiles.length === 0) return { ...result, problems: [] };
      const problems = await problemsOf(database().store, result.changedFiles);
      const report = problemReport(problems, new Set(result.changedFiles), CHECK_COMMAND);
      for (const line of report) console.warn(line);
      console.info(
        `content: indexed ${result.changedFiles.length} changed files in ${result.seconds.toFixed(1)} s`,
      );
      return { ...result, problems };
    });
  try {
    return await running;
  } finally {
    running = null;
    index.release?.();
  }
}

/** The problems of these files: every problem, filtered, when they are most of the folder anyway. */
async function problemsOf(store: ContentStore, files: string[]): Promise<ContentProblem[]> {
  const problems = await store.problems(files.length <= 1000 ? files : undefined);
  const chosen = new Set(files);
  return problems.filter((problem) => chosen.has(problem.file));
}

/** Closes the content database (its pool, or SQLite's connections); the next query opens it again. */
export function closeContentDatabase(): void {
  current?.close();
  current = null;
}
