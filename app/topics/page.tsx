import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { listTopics } from '@/lib/content';
import { sectionMetadata } from '@/lib/seo/metadata';
import { TOPICS_PATH } from '@/lib/routes';

import { TopicList } from './_components/topic-list';

export const metadata: Metadata = sectionMetadata(
  'Topics',
  'Every digital health topic we follow, with its latest news and offerings.',
  TOPICS_PATH,
);

export default async function TopicsPage() {
  const topics = await listTopics(1);
  if (!topics) notFound();
  return <TopicList topics={topics} />;
}
