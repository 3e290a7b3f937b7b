/**
 * The Content-Security-Policy of every page. Script runs only when it carries this response's
 * nonce (Next adds it to its own scripts, read from the request's policy header) or is loaded
 * by such a script ('strict-dynamic'). A script element or event handler that reached a page
 * from content has no nonce and never runs, even if the sanitiser were to miss it.
 * Shared by proxy.ts (pages and route handlers) and tests; next.config.js sends the static
 * headers and the policy of the framework's own files.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
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

/** 128 random bits, base64: unguessable, and new for every response. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
