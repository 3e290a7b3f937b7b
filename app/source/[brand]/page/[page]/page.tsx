import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { getSource, listArticlesBySource } from '@/lib/content';
import { parsePageParam } from '@/lib/params';
import { sourceMetadata, NOT_FOUND_METADATA } from '@/lib/seo/metadata';

import { SourceView } from '../../_components/source-view';

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

async function load({ params }: PageProps<'/source/[brand]/page/[page]'>) {
  const { brand, page: rawPage } = await params;
  const page = parsePageParam(rawPage);
  const source = await getSource(brand);
  const articles = source && page ? await listArticlesBySource(brand, page) : null;
  return source && articles ? { source, articles } : null;
}

export async function generateMetadata(
  props: PageProps<'/source/[brand]/page/[page]'>,
): Promise<Metadata> {
  const found = await load(props);
  return found ? sourceMetadata(found.source, found.articles.page) : NOT_FOUND_METADATA;
}

export default async function SourcePageN(props: PageProps<'/source/[brand]/page/[page]'>) {
  const found = await load(props);
  if (!found) notFound();
  return <SourceView {...found} />;
}
