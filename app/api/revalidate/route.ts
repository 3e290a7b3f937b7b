import { revalidatePath } from 'next/cache';

import { isContentFile, nextPublicationAfter, publishDue, refreshContent } from '@/lib/content';
import { secretMatches } from '@/lib/preview';
import { internalToken, revalidateSecret } from '@/lib/config';

/** Read by the front server (lib/server/front-server.ts), which purges its copies of these pages. */
const PURGE_HEADER = 'x-portal-purge';
/** When the next scheduled article goes public, for the front server's publication timer. */
const NEXT_PUBLICATION_HEADER = 'x-portal-next-publication';
const MAX_LISTED_PATHS = 2000;

/** At most this many files named in one call; more is a folder's worth, for a full look. */
const MAX_NAMED_FILES = 1000;

/**
 * For the content pipeline, after it writes files: `POST /api/revalidate` with
 * `Authorization: Bearer $REVALIDATE_SECRET`. Rereads the changed files, publishes articles
 * whose date has passed, and refreshes the pages they touch; answers with those paths.
 *
 * With a body `{"files": ["news/a.mdx", …]}` (paths in the content folder, removed files
 * included) only those files are read: at 100,000 articles, comparing every file with its last
 * state takes seconds. A file outside the kind folders, such as an image, may be named by any
 * article, so naming one makes the call look at every file.
 *
 * `?scope=schedule` only publishes what is due, without reading the folder: the front server's
 * publication timer calls it with this process's own token.
 */
export async function POST(request: Request) {
  const secret = revalidateSecret();
  const internal = internalToken();
  const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  const allowed = [secret, internal].some((expected) => expected && secretMatches(token, expected));
  if (!allowed) {
    return secret || internal
      ? Response.json({ error: 'Invalid or missing bearer token.' }, { status: 401 })
      : Response.json(
          { error: 'Revalidation is off on this server: REVALIDATE_SECRET is not set.' },
          { status: 503 },
        );
  }
  const scope = new URL(request.url).searchParams.get('scope');
  if (scope !== null && scope !== 'schedule') {
    return Response.json(
      { error: { parameter: 'scope', message: 'Expected "schedule" or nothing.' } },
      { status: 400 },
    );
  }

  const named = await namedFiles(request);
  if ('error' in named) {
    return Response.json({ error: { parameter: 'files', message: named.error } }, { status: 400 });
  }
  if (scope === 'schedule' && named.files) {
    const message = 'Not with scope=schedule, which reads no files.';
    return Response.json({ error: { parameter: 'files', message } }, { status: 400 });
  }
  const refreshed = scope === 'schedule' ? null : await refreshContent(named.files);
  const published = await publishDue();
  const touched = [...new Set([...(refreshed?.paths ?? []), ...(published.paths ?? [])])].sort();
  // A change that touches more pages than this refreshes them all, rather than list each.
  const everything =
    refreshed?.paths === null || published.paths === null || touched.length > MAX_LISTED_PATHS;
  const paths = everything ? ['*'] : touched;
  if (everything) revalidatePath('/', 'layout');
  for (const path of everything ? [] : paths) {
    if (path.includes('[')) revalidatePath(path, 'page');
    else revalidatePath(path);
  }
  const next = await nextPublicationAfter();
  return Response.json(
    {
      changedFiles: refreshed?.changedFiles ?? [],
      published: published.slugs,
      revalidated: everything ? 'everything' : paths,
      nextPublicationAt: next === null ? null : new Date(next).toISOString(),
      errors: refreshed?.problems.filter((problem) => problem.severity === 'error').length ?? 0,
    },
    {
      headers: {
        'Cache-Control': 'no-store',
        [PURGE_HEADER]: JSON.stringify(paths),
        [NEXT_PUBLICATION_HEADER]: next === null ? 'none' : String(next),
      },
    },
  );
}

/**
 * The files the body names, or none (an empty body: every file is looked at, as is the case
 * when a named file is not a content file).
 */
async function namedFiles(
  request: Request,
): Promise<{ files: string[] | undefined } | { error: string }> {
  const text = await request.text();
  if (!text.trim()) return { files: undefined };
  const shape = `expected a JSON body like {"files": ["news/a.mdx"]} with at most ${MAX_NAMED_FILES} paths in the content folder`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: `${shape}; the body is not JSON` };
  }
  const files = (body as { files?: unknown } | null)?.files;
  if (!Array.isArray(files) || files.length > MAX_NAMED_FILES) return { error: shape };
  for (const file of files) {
    if (typeof file !== 'string' || !isFolderPath(file)) {
      return { error: `${shape}; ${JSON.stringify(file)} is not a path in the content folder` };
    }
  }
  return { files: files.every(isContentFile) ? files : undefined };
}

/** A relative path that stays in the folder: no leading slash, no `.` or `..` segment. */
function isFolderPath(file: string): boolean {
  return file
    .split('/')
    .every(
      (segment) => segment !== '' && segment !== '.' && segment !== '..' && !segment.includes('\\'),
    );
}
