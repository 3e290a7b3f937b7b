import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { getTopic, listArticlesByTopic } from '@/lib/content';
import { parsePageParam } from '@/lib/params';
import { topicMetadata, NOT_FOUND_METADATA } from '@/lib/seo/metadata';

import { TopicView } from '../../_components/topic-view';

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

async function load({ params }: PageProps<'/topic/[slug]/page/[page]'>) {
  const { slug, page: rawPage } = await params;
  const page = parsePageParam(rawPage);
  const topic = await getTopic(slug);
  const articles = topic && page ? await listArticlesByTopic(slug, page) : null;
  return topic && articles ? { topic, articles } : null;
}

export async function generateMetadata(
  props: PageProps<'/topic/[slug]/page/[page]'>,
): Promise<Metadata> {
  const found = await load(props);
  return found ? topicMetadata(found.topic, found.articles.page) : NOT_FOUND_METADATA;
}

export default async function TopicPageN(props: PageProps<'/topic/[slug]/page/[page]'>) {
  const found = await load(props);
  if (!found) notFound();
  return <TopicView {...found} offerings={[]} />;
}
