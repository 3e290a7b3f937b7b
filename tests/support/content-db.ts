import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { ContentDatabaseSetting } from '@/lib/config';
import { openEngine } from '@/lib/content/engine';
import {
  indexContent,
  type IndexOptions,
  type IndexResult,
} from '@/lib/content/indexer/index-content';
import type { SqlRunner } from '@/lib/content/sql/runner';
import type { ContentStore, View } from '@/lib/content/store';

import { makeContentDir } from './fixture';

/** Everything visible: drafts and scheduled articles too, as in an editor's preview. */
export const PREVIEW: View = { preview: true, now: Date.now() };
/** What a reader sees now. */
export const READER: View = { preview: false, now: Date.now() };

export interface IndexedFixture {
  dir: string;
  /** SQLite's file (in the sqlite project). */
  dbFile: string;
  /** SQL on the database, the same on both engines. */
  sql: SqlRunner;
  store: ContentStore;
  /** Indexes the folder again (after the test changed it). */
  reindex: (options?: IndexOptions) => Promise<IndexResult>;
  first: IndexResult;
  /** Closes the database's connections, keeping it. */
  close: () => Promise<void>;
  cleanup: () => Promise<void>;
}

/** A throwaway content folder indexed into a throwaway database. */
export async function indexFixture(
  files: Record<string, string | Buffer>,
): Promise<IndexedFixture> {
  const fixture = makeContentDir(files);
  return indexFolder(fixture.dir, fixture.cleanup);
}

let databases = 0;

/**
 * A throwaway database on the engine under test: a SQLite file, or in the postgres project a
 * schema of its own (dropped with the test file's, see postgres-setup.ts).
 */
function throwawayDatabase(dbDir: string): ContentDatabaseSetting {
  if (process.env.CONTENT_ENGINE === 'postgres') {
    return {
      engine: 'postgres',
      url: process.env.TEST_DATABASE_URL!,
      schema: `${process.env.CONTENT_DB_SCHEMA}_f${++databases}`,
    };
  }
  return { engine: 'sqlite', file: path.join(dbDir, 'content.db') };
}

export async function indexFolder(
  dir: string,
  cleanupFolder: () => void = () => undefined,
): Promise<IndexedFixture> {
  const dbDir = mkdtempSync(path.join(tmpdir(), 'portal-db-'));
  const setting = throwawayDatabase(dbDir);
  const engine = await openEngine(setting, dir);
  const reindex = (options?: IndexOptions) => indexContent(engine.index, dir, options);
  const first = await reindex();
  let open = true;
  const close = async () => {
    if (open) await engine.close();
    open = false;
  };
  return {
    dir,
    dbFile: path.join(dbDir, 'content.db'),
    sql: engine.sql,
    store: engine.store,
    reindex,
    first,
    close,
    cleanup: async () => {
      await close();
      rmSync(dbDir, { recursive: true, force: true });
      cleanupFolder();
    },
  };
}

/**
 * Points the site's own modules (lib/content, lib/search) at a throwaway folder and database
 * while a test file runs; returns the function that puts things back.
 */
export function useSiteContent(files: Record<string, string | Buffer>): {
  dir: string;
  restore: () => void;
} {
  const fixture = makeContentDir(files);
  const dbDir = mkdtempSync(path.join(tmpdir(), 'portal-db-'));
  const previous = { dir: process.env.CONTENT_DIR, db: process.env.CONTENT_DB };
  process.env.CONTENT_DIR = fixture.dir;
  process.env.CONTENT_DB = path.join(dbDir, 'content.db');
  return {
    dir: fixture.dir,
    restore: () => {
      for (const [name, value] of [
        ['CONTENT_DIR', previous.dir],
        ['CONTENT_DB', previous.db],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(dbDir, { recursive: true, force: true });
      fixture.cleanup();
    },
  };
}
