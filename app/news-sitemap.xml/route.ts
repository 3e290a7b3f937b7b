import { listVisibleArticles } from '@/lib/content';
import { renderNewsSitemap } from '@/lib/seo/sitemap';
import { xmlResponse } from '@/lib/seo/xml';

// The two-day window moves with the clock; answer from the current time, cached briefly.
export const dynamic = 'force-dynamic';

export async function GET() {
  return xmlResponse(renderNewsSitemap(await listVisibleArticles(), new Date()), { maxAge: 300 });
}
