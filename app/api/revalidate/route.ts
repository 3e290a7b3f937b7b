import { revalidatePath } from 'next/cache';

import { nextPublicationAfter, publishDue, refreshContent } from '@/lib/content';
import { secretMatches } from '@/lib/preview';
import { internalToken, revalidateSecret } from '@/lib/config';

/** Read by the front server (lib/server/front-server.ts), which purges its copies of these pages. */
const PURGE_HEADER = 'x-portal-purge';
/** When the next scheduled article goes public, for the front server's publication timer. */
const NEXT_PUBLICATION_HEADER = 'x-portal-next-publication';
const MAX_LISTED_PATHS = 2000;

/**
 * For the content pipeline, after it writes files: `POST /api/revalidate` with
 * `Authorization: Bearer $REVALIDATE_SECRET`. Rereads the changed files, publishes articles
 * whose date has passed, and refreshes the pages they touch; answers with those paths.
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

  const refreshed = scope === 'schedule' ? null : await refreshContent();
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
