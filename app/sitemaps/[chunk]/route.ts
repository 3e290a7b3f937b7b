import { renderUrlset, SITEMAP_LIMIT, sitemapChunkCount, sitemapUrls } from '@/lib/seo/sitemap';
import { xmlResponse } from '@/lib/seo/xml';

// Kept like the pages (app/layout.tsx): rendered again on a change, or a minute after it was asked for.
export const revalidate = 60;

/** Each chunk is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

export async function GET(_request: Request, context: RouteContext<'/sitemaps/[chunk]'>) {
  const match = /^([1-9]\d{0,4})\.xml$/.exec((await context.params).chunk);
  const urls = await sitemapUrls();
  const chunk = match ? Number(match[1]) : 0;
  const chunks = sitemapChunkCount(urls.size);
  if (chunk < 1 || chunk > chunks || chunks === 1) {
    return new Response('Not found', { status: 404 });
  }
  return xmlResponse(
    renderUrlset(await urls.slice((chunk - 1) * SITEMAP_LIMIT, chunk * SITEMAP_LIMIT)),
  );
}
