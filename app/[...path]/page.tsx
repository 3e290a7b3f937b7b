import { listAliasPaths } from '@/lib/content';
import { redirectAliasOrNotFound } from '@/lib/redirects';

/** Old article URLs outside /news/ are prerendered as their redirects. */
export async function generateStaticParams() {
  return (await listAliasPaths())
    .filter((path) => !/^\/news\/[^/]+$/.test(path))
    .map((path) => ({ path: path.slice(1).split('/') }));
}

/** Any path no other route serves: an old article URL (alias) redirects, the rest is a 404. */
export default async function UnknownPath({ params }: PageProps<'/[...path]'>) {
  const { path } = await params;
  return redirectAliasOrNotFound(`/${path.map(encodeURIComponent).join('/')}`);
}
