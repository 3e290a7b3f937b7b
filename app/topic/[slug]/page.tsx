import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { getTopic, listArticlesByTopic, listOfferingsByTopic, listTopics } from '@/lib/content';

import { TopicView } from './_components/topic-view';

export async function generateStaticParams() {
  return (await listTopics()).map((topic) => ({ slug: topic.slug }));
}

export async function generateMetadata({ params }: PageProps<'/topic/[slug]'>): Promise<Metadata> {
  const topic = await getTopic((await params).slug);
  if (!topic) return {};
  return {
    title: topic.label,
    description: topic.description ?? `Digital health news and offerings about ${topic.label}.`,
    alternates: { canonical: `/topic/${topic.slug}` },
  };
}

export default async function TopicPage({ params }: PageProps<'/topic/[slug]'>) {
  const { slug } = await params;
  const topic = await getTopic(slug);
  const articles = topic && (await listArticlesByTopic(slug, 1));
  if (!topic || !articles) notFound();
  return (
    <TopicView topic={topic} articles={articles} offerings={await listOfferingsByTopic(slug)} />
  );
}
