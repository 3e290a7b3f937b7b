import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';

import { listArticles, PAGE_SIZE } from '@/lib/content';
import { parsePageParam } from '@/lib/params';

import { NewsList, newsPageHref } from '../../_components/news-list';

export async function generateStaticParams() {
  const first = await listArticles(1);
  const pageCount = first?.pageCount ?? 1;
  return Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => ({ page: String(i + 2) }));
}

export async function generateMetadata({
  params,
}: PageProps<'/news/page/[page]'>): Promise<Metadata> {
  const page = parsePageParam((await params).page);
  if (!page) return {};
  return {
    title: `News, page ${page}`,
    description: `Curated digital health news, page ${page}, ${PAGE_SIZE} stories a page.`,
    alternates: { canonical: newsPageHref(page) },
  };
}

export default async function NewsPageN({ params }: PageProps<'/news/page/[page]'>) {
  const page = parsePageParam((await params).page);
  if (page === 1) permanentRedirect('/news');
  const articles = page ? await listArticles(page) : null;
  if (!articles) notFound();
  return <NewsList articles={articles} />;
}
