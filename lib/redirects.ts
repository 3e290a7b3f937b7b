import 'server-only';

import { notFound, permanentRedirect } from 'next/navigation';

import { resolveAlias } from '@/lib/content';

/** For a path no page serves: a permanent redirect when it is an article's alias, else a 404. */
export async function redirectAliasOrNotFound(path: string): Promise<never> {
  const target = await resolveAlias(path);
  if (target) permanentRedirect(target);
  notFound();
}
