import type { Metadata } from 'next';

import { redirectAliasOrNotFound } from '@/lib/redirects';
import { NOT_FOUND_METADATA, topicMetadata } from '@/lib/seo/metadata';
import { getTopic, listArticlesByTopic, listOfferingsByTopic } from '@/lib/content';

import { TopicView } from './_components/topic-view';
import { topicPath } from '@/lib/routes';

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/topic/[slug]'>): Promise<Metadata> {
  const topic = await getTopic((await params).slug);
  return topic ? topicMetadata(topic) : NOT_FOUND_METADATA;
}

export default async function TopicPage({ params }: PageProps<'/topic/[slug]'>) {
  const { slug } = await params;
  const topic = await getTopic(slug);
  const articles = topic && (await listArticlesByTopic(slug, 1));
  if (!topic || !articles) return redirectAliasOrNotFound(topicPath(encodeURIComponent(slug)));
  return (
    <TopicView topic={topic} articles={articles} offerings={await listOfferingsByTopic(slug)} />
  );
}
