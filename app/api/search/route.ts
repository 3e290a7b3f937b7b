import { isPreview } from '@/lib/content';
import { search } from '@/lib/search';
import { parseSearchQueryString } from '@/lib/search/query';

/**
 * GET /api/search?q=&type=&topic=&page=&limit= : ranked results as JSON (see SearchResponse),
 * or 400 with `{ error: { parameter, message } }`. Other methods get 405 from Next.
 */
export async function GET(request: Request): Promise<Response> {
  const parsed = parseSearchQueryString(new URL(request.url).search);
  if (!parsed.ok) {
    return Response.json(
      { error: parsed.error },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  const preview = await isPreview();
  return Response.json(await search(parsed.query), {
    headers: {
      // A minute is as fresh as the site's pages; an editor's preview is never shared.
      'Cache-Control': preview ? 'private, no-store' : 'public, max-age=60',
      'X-Robots-Tag': 'noindex',
    },
  });
}
