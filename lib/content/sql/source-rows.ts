/**
 * The indexer's record of each file it has read (the sources table): size, time and hash, the
 * images it names, its parse as stored and its own problems. The next run compares the folder
 * with these states to find what changed, and links a file again from its stored parse
 * without reading or compiling it.
 */
import type { ContentKind } from '../files';
import type { SourceState } from '../indexer/store';
import type { StoredParse } from '../parse-file';
import type { ContentProblem } from '../problems';

import type { Dialect, SqlRunner } from './runner';

interface SourceRow {
  file: string;
  kind: ContentKind;
  size: number;
  mtime_ms: number;
  hash: string;
  images: string;
}

/** The state of every indexed file, or of these files only (IndexStore.sourceStates). */
export async function sourceStates(
  db: SqlRunner,
  d: Dialect,
  files?: readonly string[],
): Promise<Map<string, SourceState>> {
  const rows = await db.all<SourceRow>(
    `SELECT file, kind, size, mtime_ms, hash, images FROM sources
       ${files ? `WHERE file IN (${d.jsonValues('@files')})` : ''}`,
    files ? { files: JSON.stringify(files) } : {},
  );
  return new Map(
    rows.map((row) => [
      row.file,
      {
        file: row.file,
        kind: row.kind,
        size: row.size,
        mtimeMs: row.mtime_ms,
        hash: row.hash,
        images: JSON.parse(row.images),
      },
    ]),
  );
}

export async function putSource(
  db: SqlRunner,
  state: SourceState,
  parsed: StoredParse | null,
  problems: ContentProblem[],
): Promise<void> {
  await db.run(
    `INSERT INTO sources (file, kind, size, mtime_ms, hash, images, parsed, problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (file) DO UPDATE SET kind = excluded.kind, size = excluded.size, mtime_ms = excluded.mtime_ms,
         hash = excluded.hash, images = excluded.images, parsed = excluded.parsed, problems = excluded.problems`,
    [
      state.file,
      state.kind,
      state.size,
      state.mtimeMs,
      state.hash,
      JSON.stringify(state.images),
      parsed ? JSON.stringify(parsed) : null,
      JSON.stringify(problems),
    ],
  );
}

export async function touchSource(db: SqlRunner, file: string, mtimeMs: number): Promise<void> {
  await db.run('UPDATE sources SET mtime_ms = ? WHERE file = ?', [mtimeMs, file]);
}

export async function deleteSource(db: SqlRunner, file: string): Promise<void> {
  await db.run('DELETE FROM sources WHERE file = ?', [file]);
}

export async function storedParse(
  db: SqlRunner,
  file: string,
): Promise<{ kind: ContentKind; parsed: StoredParse | null } | null> {
  const row = await db.get<{ kind: ContentKind; parsed: string | null }>(
    'SELECT kind, parsed FROM sources WHERE file = ?',
    [file],
  );
  return row
    ? { kind: row.kind, parsed: row.parsed ? (JSON.parse(row.parsed) as StoredParse) : null }
    : null;
}
