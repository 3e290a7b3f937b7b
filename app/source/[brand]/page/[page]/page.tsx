import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { getSource, listArticlesBySource } from '@/lib/content';
import { parsePageParam } from '@/lib/params';
import { sourceMetadata } from '@/lib/seo/metadata';

import { SourceView } from '../../_components/source-view';

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({
  params,
}: PageProps<'/source/[brand]/page/[page]'>): Promise<Metadata> {
  const { brand, page: rawPage } = await params;
  const [source, page] = [await getSource(brand), parsePageParam(rawPage)];
  return source && page ? sourceMetadata(source, page) : {};
}

export default async function SourcePageN({ params }: PageProps<'/source/[brand]/page/[page]'>) {
  const { brand, page: rawPage } = await params;
  const page = parsePageParam(rawPage);
  const source = await getSource(brand);
  const articles = source && page ? await listArticlesBySource(brand, page) : null;
  if (!source || !articles) notFound();
  return <SourceView source={source} articles={articles} />;
}
