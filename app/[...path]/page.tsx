import type { Metadata } from 'next';

import { redirectAliasOrNotFound } from '@/lib/redirects';
import { NOT_FOUND_METADATA } from '@/lib/seo/metadata';

/** Any path no other route serves: an old article URL (alias) redirects, the rest is a 404. */

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

/** An alias redirects before any page is shown: what is shown is always the 404. */
export const metadata: Metadata = NOT_FOUND_METADATA;

export default async function UnknownPath({ params }: PageProps<'/[...path]'>) {
  const { path } = await params;
  return redirectAliasOrNotFound(`/${path.map(encodeURIComponent).join('/')}`);
}
