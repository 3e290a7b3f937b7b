import { PUBLIC_CACHE_CONTROL } from '@/lib/cache-control';
import { absoluteUrl } from '@/lib/site';

// A route handler rather than app/robots.ts, whose answer Next marks `must-revalidate`, so that
// it is kept and served from the cache like every other public file.
export const revalidate = 60;

export function GET() {
  const body = [
    'User-Agent: *',
    'Allow: /',
    'Disallow: /api/',
    '',
    `Sitemap: ${absoluteUrl('/sitemap.xml')}`,
    `Sitemap: ${absoluteUrl('/news-sitemap.xml')}`,
    '',
  ].join('\n');
  return new Response(body, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': PUBLIC_CACHE_CONTROL },
  });
}
