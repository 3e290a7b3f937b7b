import {
  renderSitemapIndex,
  renderUrlset,
  sitemapChunkCount,
  sitemapUrls,
} from '@/lib/seo/sitemap';
import { xmlResponse } from '@/lib/seo/xml';

// Kept like the pages (app/layout.tsx): rendered again on a change, or a minute after it was asked for.
export const revalidate = 60;

/** One sitemap while the site fits in one (SITEMAP_LIMIT URLs); past that, an index of numbered sitemaps. */
export async function GET() {
  const urls = await sitemapUrls();
  const chunks = sitemapChunkCount(urls.size);
  if (chunks === 1) return xmlResponse(renderUrlset(await urls.slice(0, urls.size)));
  return xmlResponse(
    renderSitemapIndex(Array.from({ length: chunks }, (_, i) => `/sitemaps/${i + 1}.xml`)),
  );
}
