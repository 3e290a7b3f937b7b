import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { getAuthor, listArticlesByAuthor } from '@/lib/content';
import { parsePageParam } from '@/lib/params';
import { authorMetadata } from '@/lib/seo/metadata';

import { AuthorView } from '../../_components/author-view';

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({
  params,
}: PageProps<'/author/[slug]/page/[page]'>): Promise<Metadata> {
  const { slug, page: rawPage } = await params;
  const [author, page] = [await getAuthor(slug), parsePageParam(rawPage)];
  return author && page ? authorMetadata(author, page) : {};
}

export default async function AuthorPageN({ params }: PageProps<'/author/[slug]/page/[page]'>) {
  const { slug, page: rawPage } = await params;
  const page = parsePageParam(rawPage);
  const author = await getAuthor(slug);
  const articles = author && page ? await listArticlesByAuthor(slug, page) : null;
  if (!author || !articles) notFound();
  return <AuthorView author={author} articles={articles} />;
}
