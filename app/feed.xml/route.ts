import { latestArticles } from '@/lib/content';
import { FEED_SIZE, renderRss } from '@/lib/seo/feed';
import { xmlResponse } from '@/lib/seo/xml';
import { SITE_NAME, SITE_TAGLINE } from '@/lib/site';
import { NEWS_PATH } from '@/lib/routes';

// Kept like the pages (app/layout.tsx): rendered again on a change, or a minute after it was asked for.
export const revalidate = 60;

export async function GET() {
  const body = renderRss({
    title: SITE_NAME,
    description: SITE_TAGLINE,
    pagePath: NEWS_PATH,
    feedPath: '/feed.xml',
    articles: await latestArticles(FEED_SIZE),
  });
  return xmlResponse(body, { type: 'application/rss+xml' });
}
