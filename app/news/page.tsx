import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { listArticles } from '@/lib/content';
import { sectionMetadata } from '@/lib/seo/metadata';

import { NewsList } from './_components/news-list';
import { NEWS_PATH } from '@/lib/routes';

export const metadata: Metadata = sectionMetadata(
  'News',
  'All curated digital health news, newest first.',
  NEWS_PATH,
);

export default async function NewsPage() {
  const articles = await listArticles(1);
  if (!articles) notFound();
  return <NewsList articles={articles} />;
}
