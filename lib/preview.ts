import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Secrets are compared as SHA-256 digests with timingSafeEqual: equal-length buffers, so
 * neither the content nor the length of the real secret leaks through response timing.
 */
export function secretMatches(given: string | null | undefined, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given ?? ''), digest(expected));
}

export type PreviewDecision =
  /** Without a slug, preview opens on the editors' page. */
  { ok: true; slug: string | null } | { ok: false; status: 401 | 404 | 400 | 503; message: string };

/** Checks a request to turn preview on, before anything is looked up or any cookie is set. */
export function checkPreviewRequest(
  params: URLSearchParams,
  configuredSecret: string | undefined,
): PreviewDecision {
  if (!configuredSecret) {
    return {
      ok: false,
      status: 503,
      message: 'Preview is off on this server: PREVIEW_SECRET is not set.',
    };
  }
  const secrets = params.getAll('secret');
  if (secrets.length !== 1 || !secretMatches(secrets[0], configuredSecret)) {
    return { ok: false, status: 401, message: 'Invalid or missing "secret" parameter.' };
  }
  const slugs = params.getAll('slug');
  if (slugs.length === 0) return { ok: true, slug: null };
  if (slugs.length !== 1 || !/^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}$/.test(slugs[0] ?? '')) {
    return { ok: false, status: 400, message: 'Parameter "slug" must be one article slug.' };
  }
  return { ok: true, slug: slugs[0]! };
}
