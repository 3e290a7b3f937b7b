import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { listTopics } from '@/lib/content';
import { parsePageParam } from '@/lib/params';
import { NOT_FOUND_METADATA, sectionMetadata } from '@/lib/seo/metadata';
import { topicsPath } from '@/lib/routes';

import { TopicList } from '../../_components/topic-list';

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

async function load({ params }: PageProps<'/topics/page/[page]'>) {
  const page = parsePageParam((await params).page);
  return page ? listTopics(page) : null;
}

export async function generateMetadata(props: PageProps<'/topics/page/[page]'>): Promise<Metadata> {
  const topics = await load(props);
  if (!topics) return NOT_FOUND_METADATA;
  return sectionMetadata(
    `Topics, page ${topics.page}`,
    `Every digital health topic we follow, with its latest news and offerings, page ${topics.page}.`,
    topicsPath(topics.page),
  );
}

export default async function TopicsPageN(props: PageProps<'/topics/page/[page]'>) {
  const topics = await load(props);
  if (!topics) notFound();
  return <TopicList topics={topics} />;
}
