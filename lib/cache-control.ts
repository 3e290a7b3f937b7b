/**
 * The Cache-Control of public route handlers (feeds, sitemaps, share images, robots.txt): the
 * same freshness as the pages (`revalidate = 60`, app/layout.tsx) for shared caches, which may
 * keep serving a stale copy while they fetch a new one; browsers revalidate every time (304).
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=86400';
