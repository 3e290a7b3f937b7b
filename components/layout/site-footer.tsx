import Link from 'next/link';

import { SITE_NAME, SITE_TAGLINE } from '@/lib/site';
import { AUTHORS_PATH, NEWS_PATH, OFFERINGS_PATH, TOPICS_PATH } from '@/lib/routes';

const LINKS = [
  { href: NEWS_PATH, label: 'News' },
  { href: TOPICS_PATH, label: 'Topics' },
  { href: OFFERINGS_PATH, label: 'Offerings' },
  { href: AUTHORS_PATH, label: 'Authors' },
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
