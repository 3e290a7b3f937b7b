import type { Metadata } from 'next';

import { getSource, listArticlesBySource } from '@/lib/content';
import { redirectAliasOrNotFound } from '@/lib/redirects';
import { sourceMetadata, NOT_FOUND_METADATA } from '@/lib/seo/metadata';

import { SourceView } from './_components/source-view';
import { sourcePath } from '@/lib/routes';

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({
  params,
}: PageProps<'/source/[brand]'>): Promise<Metadata> {
  const source = await getSource((await params).brand);
  return source ? sourceMetadata(source) : NOT_FOUND_METADATA;
}

export default async function SourcePage({ params }: PageProps<'/source/[brand]'>) {
  const { brand } = await params;
  const source = await getSource(brand);
  const articles = source && (await listArticlesBySource(brand, 1));
  if (!source || !articles) return redirectAliasOrNotFound(sourcePath(encodeURIComponent(brand)));
  return <SourceView source={source} articles={articles} />;
}
