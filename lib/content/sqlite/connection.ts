/**
 * Opens the content database, making it when it is missing and making it again when it is
 * unreadable, of an older format or of another content folder: the folder is the source of
 * truth, so starting over loses nothing (the indexer then reads the whole folder).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { parseRevision } from '../compiler';

import { SCHEMA, SCHEMA_VERSION } from './schema';
import { contentDbSetting } from '../../config';

export type Db = Database.Database;

/** The SQLite file: `CONTENT_DB`, or `cache/content.db` in the build folder. */
export const contentDbPath = contentDbSetting;

export interface OpenedDb {
  db: Db;
  /** Why the file was (re)made and holds nothing yet; null when it was opened as it was. */
  fresh: string | null;
}

/** `:memory:` makes a private database, for tests. */
export function openContentDb(file: string, contentDir: string): OpenedDb {
  const problem = file === ':memory:' ? 'it is in memory' : checkExisting(file, contentDir);
  if (problem) {
    removeDatabase(file);
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  }
  const db = new Database(file);
  configure(db);
  if (problem) {
    db.exec(SCHEMA);
    const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    setMeta.run('schema_version', format());
    setMeta.run('content_dir', contentDir);
  }
  return { db, fresh: problem };
}

/** The tables' version, and the compiler's: either changing makes the database again. */
function format(): string {
  return `${SCHEMA_VERSION};${parseRevision()}`;
}

function configure(db: Db): void {
  // Readers never wait for the writer, and a second writer waits its turn instead of failing.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('temp_store = MEMORY');
  // Pages come from the system's file cache anyway: 8 MB per connection instead of the 16 MB
  // better-sqlite3 builds SQLite with, which a server on a large archive fills for good.
  db.pragma('cache_size = -8000');
}

/**
 * Why an existing file cannot be used as the database of `contentDir` (opening it would make it
 * again from the folder), or null when it can.
 */
export function checkExisting(file: string, contentDir: string): string | null {
  if (!existsSync(file)) return `there was no content database at ${file}`;
  let db: Db | null = null;
  try {
    db = new Database(file, { fileMustExist: true });
    const meta = new Map(
      (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map(
        (row) => [row.key, row.value],
      ),
    );
    if (meta.get('schema_version') !== format()) {
      return `the content database ${file} was made by another version of the portal (${meta.get('schema_version') ?? 'unknown'}), not ${format()}`;
    }
    if (meta.get('content_dir') !== contentDir) {
      return `the content database ${file} was made from ${meta.get('content_dir')}, not ${contentDir}`;
    }
    // A full integrity check would read the whole file (gigabytes at 100,000 articles) before
    // the first page; damage found later, by a query, makes the file again (isDamage).
    return null;
  } catch (error) {
    return `the content database ${file} cannot be read (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    db?.close();
  }
}

/** True for the errors of a file that is not (or no longer) a sound database. */
export function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

export function removeDatabase(file: string): void {
  if (file === ':memory:') return;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

/** A second connection for the indexer's writes, so that readers never see a write half done. */
export function openWriter(file: string): Db {
  const db = new Database(file);
  configure(db);
  return db;
}
