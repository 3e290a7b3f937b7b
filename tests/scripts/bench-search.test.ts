/**
 * `npm run bench:search -- --db FILE --dir DIR` times a database as it is. Opened as the database
 * of another folder, the file would be made again from that folder, empty (a large benchmark
 * database lost, and the queries timed on nothing): the script refuses instead.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

import { openContentDb } from '@/lib/content/sqlite/connection';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'bench-search-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function benchSearch(...args: string[]) {
  // As `npm run bench:search` runs it: lib/search is server-only code.
  return spawnSync(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['--conditions=react-server', path.join('scripts', 'bench-search.ts'), ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );
}

function contentDir(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT value FROM meta WHERE key = 'content_dir'").pluck().get();
  } finally {
    db.close();
  }
}

describe('bench:search --db', () => {
  const made = path.join(work, 'made-from');
  const other = path.join(work, 'other');
  const file = path.join(work, 'content.db');
  openContentDb(file, made).db.close();

  it('refuses a folder the file was not made from, and leaves the file as it was', () => {
    const before = statSync(file);
    const run = benchSearch('--db', file, '--dir', other, '--runs', '1');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--db and --dir');
    expect(run.stderr).toContain(`was made from ${made}, not ${other}`);
    expect(run.stderr).toMatch(/^usage: /m);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(contentDir(file)).toBe(made);
  });

  it('times the file made from the folder it is given', () => {
    const run = benchSearch('--db', file, '--dir', made, '--runs', '1');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`corpus: ${made}, database as it is (not indexed)`);
    expect(run.stdout).toMatch(/sqlite: p95 over all queries: [\d.]+ ms/);
    expect(contentDir(file)).toBe(made);
  });
});
