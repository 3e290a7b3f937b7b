import { newsSitemapArticles, renderNewsSitemap } from '@/lib/seo/sitemap';
import { xmlResponse } from '@/lib/seo/xml';

// The two-day window moves with the clock: rendered again at most a minute after it was asked
// for, like the pages, and whenever an article goes public.
export const revalidate = 60;

export async function GET() {
  return xmlResponse(renderNewsSitemap(await newsSitemapArticles()));
}
