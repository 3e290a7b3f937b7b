/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets tests and benchmarks build other content folders without touching the main build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
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
