import { randomBytes } from 'node:crypto';

/**
 * Headers the front server (lib/server/front-server.ts) puts on every response it sends: pages,
 * files, route handlers, 304s, redirects and errors alike.
 */

/** Sent with everything. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
};

/**
 * The policy of an HTML page. Script runs only from the site's own files or when its text has
 * one of `scriptHashes` (lib/server/script-policy.ts), or, on a page rendered for one request,
 * when it carries that response's `nonce`: no 'unsafe-inline', no 'unsafe-eval', so an inline
 * script or event handler that reached the page from content never runs.
 */
export function pagePolicy(scriptHashes: readonly string[], nonce?: string): string {
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), ...scriptHashes].join(' '),
    // Inline style attributes come from next/image and React; style cannot run script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Everything that is not HTML (files, feeds, JSON, images): nothing runs in it. */
export const FILE_POLICY =
  "default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'";

/** 128 random bits, base64: unguessable, and new for every response rendered per request. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}
