import 'server-only';

import { cookies, draftMode } from 'next/headers';

import { PREVIEW_COOKIE } from '@/lib/server/cache-rules';
import { siteUrl } from '@/lib/site';

/**
 * Turns an editor's preview (Next's Draft Mode) on or off. Outside `next dev`, Draft Mode's
 * cookie is `Secure; SameSite=None`, which browsers refuse from a plain-HTTP origin, and Draft
 * Mode takes no options. Where the site's own URL (SITE_URL) is http://, as on a staging host
 * without TLS, the same cookie is written again without `Secure` and with `SameSite=Lax`.
 */
export async function setPreview(enabled: boolean): Promise<void> {
  const mode = await draftMode();
  if (enabled) mode.enable();
  else mode.disable();
  if (siteUrl().protocol !== 'http:') return;
  const jar = await cookies();
  const written = jar.get(PREVIEW_COOKIE);
  if (!written) return;
  jar.set({
    name: PREVIEW_COOKIE,
    value: written.value,
    httpOnly: true,
    sameSite: 'lax',
    secure: false,
    path: '/',
    ...(enabled ? {} : { expires: new Date(0) }),
  });
}
