import { ImageResponse } from 'next/og';

import { OgCard, type OgCardProps } from '@/components/seo/og-card';
import { PUBLIC_CACHE_CONTROL } from '@/lib/cache-control';
import { getArticle, getAuthor, getOffering, getTopic } from '@/lib/content';
import { formatDate } from '@/lib/format';
import { OG_SIZE } from '@/lib/seo/metadata';
import { SITE_TAGLINE, siteUrl } from '@/lib/site';

// Made on first request and kept, like a static page; never built ahead for every article.
export const dynamic = 'force-static';
export const revalidate = 60;

export function generateStaticParams() {
  return [];
}

async function card(kind: string, slug: string): Promise<OgCardProps | null> {
  const host = siteUrl().host;
  if (kind === 'site' && slug === 'default')
    return { eyebrow: '', title: SITE_TAGLINE, footer: host };
  if (kind === 'news') {
    const article = await getArticle(slug);
    if (!article) return null;
    const via = article.source ? ` · via ${article.source.name}` : '';
    return {
      eyebrow: article.topics[0]?.label ?? 'News',
      title: article.title,
      footer: `${formatDate(article.publishedAt)}${via}`,
    };
  }
  if (kind === 'topic') {
    const topic = await getTopic(slug);
    return topic && { eyebrow: 'Topic', title: topic.label, footer: host };
  }
  if (kind === 'author') {
    const author = await getAuthor(slug);
    return author && { eyebrow: 'Author', title: author.name, footer: author.role ?? host };
  }
  if (kind === 'offering') {
    const offering = await getOffering(slug);
    return (
      offering && {
        eyebrow: 'Offering',
        title: offering.title,
        footer: offering.vendor ? `by ${offering.vendor}` : host,
      }
    );
  }
  return null;
}

/** A generated 1200x630 share image, for pages whose content has no image file of its own. */
export async function GET(_request: Request, context: RouteContext<'/og/[kind]/[slug]'>) {
  const { kind, slug } = await context.params;
  const props = await card(kind, slug);
  if (!props) return new Response('Not found', { status: 404 });
  return new ImageResponse(<OgCard {...props} />, {
    ...OG_SIZE,
    headers: { 'Cache-Control': PUBLIC_CACHE_CONTROL },
  });
}
