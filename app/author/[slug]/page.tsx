import type { Metadata } from 'next';

import { getAuthor, listArticlesByAuthor } from '@/lib/content';
import { redirectAliasOrNotFound } from '@/lib/redirects';
import { authorMetadata, NOT_FOUND_METADATA } from '@/lib/seo/metadata';

import { AuthorView } from './_components/author-view';
import { authorPath } from '@/lib/routes';

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/author/[slug]'>): Promise<Metadata> {
  const author = await getAuthor((await params).slug);
  return author ? authorMetadata(author) : NOT_FOUND_METADATA;
}

export default async function AuthorPage({ params }: PageProps<'/author/[slug]'>) {
  const { slug } = await params;
  const author = await getAuthor(slug);
  const articles = author && (await listArticlesByAuthor(slug, 1));
  if (!author || !articles) return redirectAliasOrNotFound(authorPath(encodeURIComponent(slug)));
  return <AuthorView author={author} articles={articles} />;
}
