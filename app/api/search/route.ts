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
  const started = performance.now();
  const results = await search(parsed.query);
  return Response.json(results, {
    headers: {
      // How long the search took in the server, for operators and the benchmark.
      'Server-Timing': `search;dur=${(performance.now() - started).toFixed(2)}`,
      // A minute is as fresh as the site's pages; an editor's preview is never shared.
      'Cache-Control': preview ? 'private, no-store' : 'public, max-age=60',
      'X-Robots-Tag': 'noindex',
    },
  });
}
