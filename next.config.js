import { fileURLToPath } from 'node:url';

/**
 * With `REDIS_URL`, the servers of one site share Next's cache through Redis
 * (lib/cache/redis-cache-handler.ts, bundled by `npm run build:server`). Only the production
 * server uses it: a build prerenders into its own folder, as without Redis.
 */
function sharedCacheHandler(phase) {
  if (phase !== 'phase-production-server' || !process.env.REDIS_URL?.trim()) return {};
  return {
    cacheHandler: fileURLToPath(new URL('./dist/redis-cache-handler.mjs', import.meta.url)),
  };
}

/** @type {(phase: string) => import('next').NextConfig} */
const nextConfig = (phase) => ({
  ...sharedCacheHandler(phase),
  // Lets tests and benchmarks build other content folders without touching the main build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  // The front server (server.ts) compresses and tags responses once, when it stores them, and
  // sets the security headers and script policy of every response: Next does none of it.
  compress: false,
  generateEtags: false,
  // Metadata in the head of every page for every client, never streamed after the shell: the
  // front server sends a page rendered per request (search, preview) whole anyway, and link
  // previewers outside Next's list of bots then find the page's metadata where they look.
  htmlLimitedBots: /.*/,
  // Rendered pages are kept on disk by Next and in memory by the front servers in front of it
  // (lib/server/response-cache.ts): a third copy in this process's memory would only grow it.
  cacheMaxMemorySize: 0,
  // The theme script blocks the first paint (app/layout.tsx): let browsers keep it for an hour
  // instead of asking again on every page they load.
  async headers() {
    return [
      {
        source: '/theme.js',
        headers: [
          { key: 'Cache-Control', value: 'public, max-age=3600, stale-while-revalidate=604800' },
        ],
      },
    ];
  },
  // Page 1 of a listing is the listing itself.
  async redirects() {
    return [
      { source: '/news/page/1', destination: '/news', permanent: true },
      { source: '/topic/:slug/page/1', destination: '/topic/:slug', permanent: true },
      { source: '/author/:slug/page/1', destination: '/author/:slug', permanent: true },
      { source: '/source/:brand/page/1', destination: '/source/:brand', permanent: true },
      { source: '/offerings/page/1', destination: '/offerings', permanent: true },
      { source: '/topics/page/1', destination: '/topics', permanent: true },
      { source: '/authors/page/1', destination: '/authors', permanent: true },
    ];
  },
  images: {
    // Only the site's own content images, served by app/media; no remote sources, no SVG.
    localPatterns: [{ pathname: '/media/**', search: '' }],
    remotePatterns: [],
    dangerouslyAllowSVG: false,
    formats: ['image/webp'],
    qualities: [70],
    deviceSizes: [360, 480, 640, 768, 1024, 1280],
    imageSizes: [96, 160, 256, 320],
    minimumCacheTTL: 86400,
  },
});

export default nextConfig;
