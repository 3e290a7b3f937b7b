import { redirectAliasOrNotFound } from '@/lib/redirects';

/** Any path no other route serves: an old article URL (alias) redirects, the rest is a 404. */

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

export default async function UnknownPath({ params }: PageProps<'/[...path]'>) {
  const { path } = await params;
  return redirectAliasOrNotFound(`/${path.map(encodeURIComponent).join('/')}`);
}
