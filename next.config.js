/**
 * Sent with every response. Pages and route handlers get their Content-Security-Policy, with
 * a fresh script nonce, from proxy.ts (lib/security.ts); the framework's own files, which
 * the proxy does not see, get a policy that allows nothing to run in them.
 */
const STATIC_FILE_POLICY =
  "default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'";

const SECURITY_HEADERS = [
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
  },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets tests and benchmarks build other content folders without touching the main build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [
      { source: '/:path*', headers: SECURITY_HEADERS },
      {
        source: '/_next/(static|image)/:path*',
        headers: [{ key: 'Content-Security-Policy', value: STATIC_FILE_POLICY }],
      },
    ];
  },
  // Page 1 of a listing is the listing itself.
  async redirects() {
    return [
      { source: '/news/page/1', destination: '/news', permanent: true },
      { source: '/topic/:slug/page/1', destination: '/topic/:slug', permanent: true },
      { source: '/offerings/page/1', destination: '/offerings', permanent: true },
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
};

export default nextConfig;
