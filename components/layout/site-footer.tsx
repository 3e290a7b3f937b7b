import Link from 'next/link';

import { SITE_NAME, SITE_TAGLINE } from '@/lib/site';

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-slate-200 bg-slate-50">
      <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-8 text-sm text-slate-600 sm:flex-row sm:justify-between">
        <p className="max-w-md">
          <span className="font-semibold text-slate-800">{SITE_NAME}</span>. {SITE_TAGLINE}
        </p>
        <nav aria-label="Footer">
          <ul className="flex gap-4">
            <li>
              <Link href="/news" className="underline-offset-4 hover:underline">
                News
              </Link>
            </li>
            <li>
              <Link href="/topics" className="underline-offset-4 hover:underline">
                Topics
              </Link>
            </li>
            <li>
              <Link href="/offerings" className="underline-offset-4 hover:underline">
                Offerings
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
