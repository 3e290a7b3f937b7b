import { redirect } from 'next/navigation';

import { findForPreview } from '@/lib/content';
import { checkPreviewRequest } from '@/lib/preview';
import { setPreview } from '@/lib/preview-mode';
import { previewSecret } from '@/lib/config';

/**
 * Turns an editor's preview on: `/api/draft?secret=…&slug=…`, or without a slug to open the
 * editors' page. Redirects to the canonical path of the content it found, never to a path from
 * the query.
 */
export async function GET(request: Request) {
  const decision = checkPreviewRequest(new URL(request.url).searchParams, previewSecret());
  if (!decision.ok) return Response.json({ error: decision.message }, { status: decision.status });
  const path = decision.slug === null ? '/editor' : await findForPreview(decision.slug);
  if (!path)
    return Response.json(
      { error: `Nothing with slug "${decision.slug}" was found.` },
      { status: 404 },
    );
  await setPreview(true);
  redirect(path);
}
