import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { listAuthors } from '@/lib/content';
import { parsePageParam } from '@/lib/params';
import { NOT_FOUND_METADATA, sectionMetadata } from '@/lib/seo/metadata';
import { authorsPath } from '@/lib/routes';

import { AuthorList } from '../../_components/author-list';

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

async function load({ params }: PageProps<'/authors/page/[page]'>) {
  const page = parsePageParam((await params).page);
  return page ? listAuthors(page) : null;
}

export async function generateMetadata(
  props: PageProps<'/authors/page/[page]'>,
): Promise<Metadata> {
  const authors = await load(props);
  if (!authors) return NOT_FOUND_METADATA;
  return sectionMetadata(
    `Authors, page ${authors.page}`,
    `The writers behind the digital health news we curate, page ${authors.page}.`,
    authorsPath(authors.page),
  );
}

export default async function AuthorsPageN(props: PageProps<'/authors/page/[page]'>) {
  const authors = await load(props);
  if (!authors) notFound();
  return <AuthorList authors={authors} />;
}
