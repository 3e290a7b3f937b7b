import { NextResponse, type NextRequest } from 'next/server';

/** Next's Draft Mode cookie: present only while an editor's preview is on. */
const PREVIEW_COOKIE = '__prerender_bypass';

export function proxy(request: NextRequest) {
  // Next decodes route parameters and answers 500 to a malformed escape such as /news/%FF.
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse('Bad Request: the path is not valid percent-encoded UTF-8.', {
      status: 400,
    });
  }
  // Preview responses show unpublished content: never cache them anywhere, never index them.
  const response = NextResponse.next();
  if (request.cookies.has(PREVIEW_COOKIE)) {
    response.headers.set('Cache-Control', 'private, no-store');
    response.headers.set('X-Robots-Tag', 'noindex, nofollow');
  }
  return response;
}

export const config = {
  // Pages and route handlers; not the framework's static files or the image optimizer.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
