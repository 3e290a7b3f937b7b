import { renderUrlset, SITEMAP_LIMIT, sitemapChunkCount, sitemapEntries } from '@/lib/seo/sitemap';
import { xmlResponse } from '@/lib/seo/xml';

// Scheduled articles go public on their date: regenerate at most a minute after it.
export const revalidate = 60;

export async function GET(_request: Request, context: RouteContext<'/sitemaps/[chunk]'>) {
  const match = /^([1-9]\d{0,4})\.xml$/.exec((await context.params).chunk);
  const entries = await sitemapEntries();
  const chunk = match ? Number(match[1]) : 0;
  if (chunk < 1 || chunk > sitemapChunkCount(entries) || sitemapChunkCount(entries) === 1) {
    return new Response('Not found', { status: 404 });
  }
  return xmlResponse(
    renderUrlset(entries.slice((chunk - 1) * SITEMAP_LIMIT, chunk * SITEMAP_LIMIT)),
  );
}
