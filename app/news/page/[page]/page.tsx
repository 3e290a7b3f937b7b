import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { listArticles, PAGE_SIZE } from '@/lib/content';
import { parsePageParam } from '@/lib/params';
import { NOT_FOUND_METADATA, sectionMetadata } from '@/lib/seo/metadata';

import { NewsList } from '../../_components/news-list';
import { newsPath } from '@/lib/routes';

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

async function load({ params }: PageProps<'/news/page/[page]'>) {
  const page = parsePageParam((await params).page);
  return page ? listArticles(page) : null;
}

export async function generateMetadata(props: PageProps<'/news/page/[page]'>): Promise<Metadata> {
  const articles = await load(props);
  if (!articles) return NOT_FOUND_METADATA;
  return sectionMetadata(
    `News, page ${articles.page}`,
    `Curated digital health news, page ${articles.page}, ${PAGE_SIZE} stories a page.`,
    newsPath(articles.page),
  );
}

export default async function NewsPageN(props: PageProps<'/news/page/[page]'>) {
  const articles = await load(props);
  if (!articles) notFound();
  return <NewsList articles={articles} />;
}
