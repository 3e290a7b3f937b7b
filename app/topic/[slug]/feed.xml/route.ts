import { getTopic, listArticlesByTopic } from '@/lib/content';
import { FEED_SIZE, renderRss } from '@/lib/seo/feed';
import { xmlResponse } from '@/lib/seo/xml';
import { SITE_NAME } from '@/lib/site';
import { topicFeedPath, topicPath } from '@/lib/routes';

// Kept like the pages (app/layout.tsx): rendered again on a change, or a minute after it was asked for.
export const revalidate = 60;

/** Like the topic's page, each feed is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

export async function GET(_request: Request, context: RouteContext<'/topic/[slug]/feed.xml'>) {
  const { slug } = await context.params;
  const topic = await getTopic(slug);
  const articles = topic ? await listArticlesByTopic(slug, 1, FEED_SIZE) : null;
  if (!topic || !articles) return new Response('Not found', { status: 404 });
  const body = renderRss({
    title: `${topic.label} | ${SITE_NAME}`,
    description: topic.description ?? `Digital health news about ${topic.label}.`,
    pagePath: topicPath(slug),
    feedPath: topicFeedPath(slug),
    articles: articles.items,
  });
  return xmlResponse(body, { type: 'application/rss+xml' });
}
