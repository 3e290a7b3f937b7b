import { revalidatePath } from 'next/cache';

import { refreshContent } from '@/lib/content';
import { secretMatches } from '@/lib/preview';

/** Listing routes whose numbered pages all shift when any article changes. */
const PAGED_ROUTES = ['/news/page/[page]', '/topic/[slug]/page/[page]', '/offerings/page/[page]'];

/**
 * For the content pipeline, after it writes files: `POST /api/revalidate` with
 * `Authorization: Bearer $REVALIDATE_SECRET`. Rereads the changed files and refreshes the
 * pages they touch; answers with the paths it refreshed.
 */
export async function POST(request: Request) {
  const secret = process.env.REVALIDATE_SECRET;
  if (!secret) {
    return Response.json(
      { error: 'Revalidation is off on this server: REVALIDATE_SECRET is not set.' },
      { status: 503 },
    );
  }
  const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!secretMatches(token, secret)) {
    return Response.json({ error: 'Invalid or missing bearer token.' }, { status: 401 });
  }
  const { paths, changedFiles, problems } = await refreshContent();
  if (paths === null) {
    revalidatePath('/', 'layout');
  } else {
    for (const path of paths) revalidatePath(path);
    if (changedFiles.length > 0) for (const route of PAGED_ROUTES) revalidatePath(route, 'page');
  }
  return Response.json({
    changedFiles,
    revalidated: paths ?? 'everything',
    errors: problems.filter((problem) => problem.severity === 'error').length,
  });
}
