import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { listArticles, PAGE_SIZE } from '@/lib/content';
import { parsePageParam } from '@/lib/params';
import { sectionMetadata } from '@/lib/seo/metadata';

import { NewsList, newsPageHref } from '../../_components/news-list';

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({
  params,
}: PageProps<'/news/page/[page]'>): Promise<Metadata> {
  const page = parsePageParam((await params).page);
  if (!page) return {};
  return sectionMetadata(
    `News, page ${page}`,
    `Curated digital health news, page ${page}, ${PAGE_SIZE} stories a page.`,
    newsPageHref(page),
  );
}

export default async function NewsPageN({ params }: PageProps<'/news/page/[page]'>) {
  const page = parsePageParam((await params).page);
  const articles = page ? await listArticles(page) : null;
  if (!articles) notFound();
  return <NewsList articles={articles} />;
}
