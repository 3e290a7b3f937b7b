import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { indexContent, type IndexResult } from '@/lib/content/indexer/index-content';
import { openContentDb, openWriter, type Db } from '@/lib/content/sqlite/connection';
import { SqliteIndexStore } from '@/lib/content/sqlite/index-store';
import { SqliteContentStore } from '@/lib/content/sqlite/queries';
import type { View } from '@/lib/content/store';

import { makeContentDir } from './fixture';

/** Everything visible: drafts and scheduled articles too, as in an editor's preview. */
export const PREVIEW: View = { preview: true, now: Date.now() };
/** What a reader sees now. */
export const READER: View = { preview: false, now: Date.now() };

export interface IndexedFixture {
  dir: string;
  dbFile: string;
  db: Db;
  store: SqliteContentStore;
  /** Indexes the folder again (after the test changed it). */
  reindex: () => Promise<IndexResult>;
  first: IndexResult;
  cleanup: () => void;
}

/** A throwaway content folder indexed into a throwaway database. */
export async function indexFixture(
  files: Record<string, string | Buffer>,
): Promise<IndexedFixture> {
  const fixture = makeContentDir(files);
  return indexFolder(fixture.dir, fixture.cleanup);
}

export async function indexFolder(
  dir: string,
  cleanupFolder: () => void = () => undefined,
): Promise<IndexedFixture> {
  const dbDir = mkdtempSync(path.join(tmpdir(), 'portal-db-'));
  const dbFile = path.join(dbDir, 'content.db');
  const { db } = openContentDb(dbFile, dir);
  const writer = new SqliteIndexStore(openWriter(dbFile));
  const reindex = () => indexContent(writer, dir);
  const first = await reindex();
  return {
    dir,
    dbFile,
    db,
    store: new SqliteContentStore(db),
    reindex,
    first,
    cleanup: () => {
      db.close();
      writer.close();
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
