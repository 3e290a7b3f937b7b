import type { Metadata, Viewport } from 'next';
import localFont from 'next/font/local';
import type { ReactNode } from 'react';

import { PreviewBanner } from '@/components/layout/preview-banner';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { isPreview } from '@/lib/content';
import { DEFAULT_ROBOTS } from '@/lib/seo/metadata';
import { SITE_NAME, SITE_TAGLINE, siteUrl } from '@/lib/site';

import './globals.css';

/*
 * Self-hosted from npm packages, the latin subset's variable weights. `optional`: a face that
 * has not arrived by the first paint (it is preloaded, so it usually has) is not swapped in
 * later, so text never reflows under the reader; the fallback is size-adjusted to match it.
 */
const inter = localFont({
  src: '../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2',
  weight: '100 900',
  display: 'optional',
  variable: '--font-inter',
});
const sourceSerif = localFont({
  src: '../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2',
  weight: '200 900',
  display: 'optional',
  adjustFontFallback: 'Times New Roman',
  variable: '--font-source-serif',
});

const baseMetadata: Metadata = {
  metadataBase: siteUrl(),
  title: { default: `${SITE_NAME}: digital health news`, template: `%s | ${SITE_NAME}` },
  description: SITE_TAGLINE,
  applicationName: SITE_NAME,
  robots: DEFAULT_ROBOTS,
  openGraph: { siteName: SITE_NAME, type: 'website', locale: 'en_US' },
  twitter: { card: 'summary_large_image' },
};

export async function generateMetadata(): Promise<Metadata> {
  // Previews show unpublished content: keep them out of every index.
  return (await isPreview())
    ? { ...baseMetadata, robots: { index: false, follow: false } }
    : baseMetadata;
}

/**
 * Every public page is rendered once and kept (ISR): prerendered at build, or on its first
 * request. It is rendered again when the revalidation endpoint says its content changed, when
 * an article on it goes public (the publication timer in lib/server), and at most a minute after
 * it was last rendered if anyone asks for it, in case something was missed. A CDN may keep it
 * that minute too (`s-maxage`).
 */
export const revalidate = 60;

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#0f766e' },
    { media: '(prefers-color-scheme: dark)', color: '#0b1220' },
  ],
  width: 'device-width',
  initialScale: 1,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // public/theme.js sets data-theme on <html> before React hydrates it.
    <html
      lang="en"
      className={`${inter.variable} ${sourceSerif.variable}`}
      suppressHydrationWarning
    >
      <head>
        {/* The reader's chosen theme, before the first paint. A file, not an inline script:
            a cached page runs no inline script but the framework's own (lib/server/script-policy.ts). */}
        {/* eslint-disable-next-line @next/next/no-sync-scripts */}
        <script src="/theme.js" />
      </head>
      <body className="flex min-h-screen flex-col bg-white font-sans text-slate-900 antialiased">
        <PreviewBanner />
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 pt-6 sm:pt-10">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
