import { NextResponse, type NextRequest } from 'next/server';

import { contentSecurityPolicy, createNonce } from '@/lib/security';

/** Next's Draft Mode cookie: present only while an editor's preview is on. */
const PREVIEW_COOKIE = '__prerender_bypass';

export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy(createNonce());
  // Next decodes route parameters and answers 500 to a malformed escape such as /news/%FF.
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse('Bad Request: the path is not valid percent-encoded UTF-8.', {
      status: 400,
      headers: { 'Content-Security-Policy': policy },
    });
  }
  // Next reads the nonce from the request's policy and puts it on every script it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  // Preview responses show unpublished content: never cache them anywhere, never index them.
  if (request.cookies.has(PREVIEW_COOKIE)) {
    response.headers.set('Cache-Control', 'private, no-store');
    response.headers.set('X-Robots-Tag', 'noindex, nofollow');
  }
  return response;
}

export const config = {
  // Pages and route handlers; the framework's static files and the image optimizer get
  // their headers from next.config.js.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
