import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { getAuthor, listArticlesByAuthor } from '@/lib/content';
import { parsePageParam } from '@/lib/params';
import { authorMetadata, NOT_FOUND_METADATA } from '@/lib/seo/metadata';

import { AuthorView } from '../../_components/author-view';

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

async function load({ params }: PageProps<'/author/[slug]/page/[page]'>) {
  const { slug, page: rawPage } = await params;
  const page = parsePageParam(rawPage);
  const author = await getAuthor(slug);
  const articles = author && page ? await listArticlesByAuthor(slug, page) : null;
  return author && articles ? { author, articles } : null;
}

export async function generateMetadata(
  props: PageProps<'/author/[slug]/page/[page]'>,
): Promise<Metadata> {
  const found = await load(props);
  return found ? authorMetadata(found.author, found.articles.page) : NOT_FOUND_METADATA;
}

export default async function AuthorPageN(props: PageProps<'/author/[slug]/page/[page]'>) {
  const found = await load(props);
  if (!found) notFound();
  return <AuthorView {...found} />;
}
