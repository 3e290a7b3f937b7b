import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { listAuthors } from '@/lib/content';
import { sectionMetadata } from '@/lib/seo/metadata';
import { AUTHORS_PATH } from '@/lib/routes';

import { AuthorList } from './_components/author-list';

export const metadata: Metadata = sectionMetadata(
  'Authors',
  'The writers behind the digital health news we curate, each with their articles.',
  AUTHORS_PATH,
);

export default async function AuthorsPage() {
  const authors = await listAuthors(1);
  if (!authors) notFound();
  return <AuthorList authors={authors} />;
}
