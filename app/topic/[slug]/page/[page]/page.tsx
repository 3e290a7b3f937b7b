import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { getTopic, listArticlesByTopic } from '@/lib/content';
import { parsePageParam } from '@/lib/params';

import { topicMetadata } from '@/lib/seo/metadata';

import { TopicView } from '../../_components/topic-view';

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({
  params,
}: PageProps<'/topic/[slug]/page/[page]'>): Promise<Metadata> {
  const { slug, page: rawPage } = await params;
  const [topic, page] = [await getTopic(slug), parsePageParam(rawPage)];
  return topic && page ? topicMetadata(topic, page) : {};
}

export default async function TopicPageN({ params }: PageProps<'/topic/[slug]/page/[page]'>) {
  const { slug, page: rawPage } = await params;
  const page = parsePageParam(rawPage);
  const topic = await getTopic(slug);
  const articles = topic && page ? await listArticlesByTopic(slug, page) : null;
  if (!topic || !articles) notFound();
  return <TopicView topic={topic} articles={articles} offerings={[]} />;
}
