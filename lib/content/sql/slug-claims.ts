/**
 * Which file owns a slug (the slug_claims table). Every file that names a slug claims it, and
 * the first by path owns it, whatever order files are indexed in: a file earlier by path takes
 * the slug over, and when the owner goes or changes its slug the next claimant is linked again.
 * The losers' claims stay, for the "already used" problem and for that hand-over.
 */
import type { ContentKind } from '../files';
import type { Location } from '../front-matter';

import { unlink } from './file-rows';
import { value, type SqlRunner } from './runner';
import type { SearchIndex } from './search-index';

interface Claim {
  kind: string;
  slug: string;
  file: string;
  line: number;
  col: number;
}

/** Claims `slug` for `file`, and returns the file that owns it now. */
export async function claimSlug(
  db: SqlRunner,
  search: SearchIndex,
  kind: ContentKind,
  slug: string,
  file: string,
  at: Location,
): Promise<string> {
  await putClaim(db, { kind, slug, file, line: at.line, col: at.column });
  const owner = (await value<string>(
    db,
    'SELECT MIN(file) FROM slug_claims WHERE kind = ? AND slug = ?',
    [kind, slug],
  ))!;
  if (owner === file) {
    // A file earlier by path takes the slug over from the one that had it.
    const previous = await value<string>(
      db,
      `SELECT file FROM ${kind === 'news' ? 'articles' : kind} WHERE slug = ?`,
      [slug],
    );
    if (previous && previous !== file) await unlinkKeepingClaim(db, search, previous);
  }
  return owner;
}

function putClaim(db: SqlRunner, claim: Claim): Promise<void> {
  return db.run(
    `INSERT INTO slug_claims (kind, slug, file, line, col) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (file) DO UPDATE SET kind = excluded.kind, slug = excluded.slug, line = excluded.line, col = excluded.col`,
    [claim.kind, claim.slug, claim.file, claim.line, claim.col],
  );
}

/** Removes a file's rows but keeps its claim: it named the slug, it just lost it. */
async function unlinkKeepingClaim(db: SqlRunner, search: SearchIndex, file: string): Promise<void> {
  const claim = await db.get<Claim>(
    'SELECT kind, slug, file, line, col FROM slug_claims WHERE file = ?',
    [file],
  );
  await unlink(db, search, file);
  if (claim) await putClaim(db, claim);
}

/** The files that own a slug next once `freed` give theirs up. */
export async function nextClaimants(db: SqlRunner, freed: string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const file of freed) {
    const claim = await db.get<{ kind: string; slug: string }>(
      'SELECT kind, slug FROM slug_claims WHERE file = ?',
      [file],
    );
    if (!claim) continue;
    const next = await value<string | null>(
      db,
      'SELECT MIN(file) FROM slug_claims WHERE kind = ? AND slug = ? AND file != ?',
      [claim.kind, claim.slug, file],
    );
    if (next) files.add(next);
  }
  return [...files];
}
