import Link from 'next/link';

import { SITE_NAME, SITE_TAGLINE } from '@/lib/site';

const LINKS = [
  { href: '/news', label: 'News' },
  { href: '/topics', label: 'Topics' },
  { href: '/offerings', label: 'Offerings' },
  { href: '/authors', label: 'Authors' },
];

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-slate-200 bg-slate-50">
      <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-8 text-sm text-slate-600 sm:flex-row sm:justify-between">
        <p className="max-w-md">
          <span className="font-semibold text-slate-800">{SITE_NAME}</span>. {SITE_TAGLINE}
        </p>
        <nav aria-label="Footer">
          <ul className="flex flex-wrap gap-4">
            {LINKS.map((link) => (
              <li key={link.href}>
                <Link href={link.href} className="underline-offset-4 hover:underline">
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </footer>
  );
}
