import Link from 'next/link';

import { SearchBox } from '@/components/search/search-box';
import { SITE_NAME } from '@/lib/site';

import { LogoMark } from './logo-mark';
import { ThemeToggle } from './theme-toggle';
import { NEWS_PATH, OFFERINGS_PATH, TOPICS_PATH } from '@/lib/routes';

const NAV = [
  { href: NEWS_PATH, label: 'News' },
  { href: TOPICS_PATH, label: 'Topics' },
  { href: OFFERINGS_PATH, label: 'Offerings' },
];

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-bold text-slate-900">
          <LogoMark tile="currentColor" line="white" className="size-7 text-brand-600" />
          {SITE_NAME}
        </Link>
        <div className="flex items-center gap-2">
          <nav aria-label="Main">
            <ul className="flex gap-1 text-sm font-medium sm:gap-2 sm:text-base">
              {NAV.map((item) => (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    className="block rounded px-2 py-2 text-slate-700 hover:bg-slate-100 hover:text-slate-900"
                  >
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <ThemeToggle />
        </div>
        {/* Its own row on phones; after the menu from md up. */}
        <div className="w-full md:w-auto md:max-w-sm md:flex-1">
          {/* No Suspense boundary: a boundary that resolved after the page's shell would need
              React's inline script to reveal it, which the script policy of cached pages does
              not allow (lib/server/script-policy.ts). */}
          <SearchBox />
        </div>
      </div>
    </header>
  );
}
