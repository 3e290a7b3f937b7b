import type { Metadata } from 'next';
import Link from 'next/link';

import { NOT_FOUND_METADATA } from '@/lib/seo/metadata';

export const metadata: Metadata = NOT_FOUND_METADATA;

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">404</p>
      <h1 className="mt-2 font-serif text-3xl font-bold">We could not find that page</h1>
      <p className="mt-4 text-slate-600">
        The story or profile may have moved, or the link may be mistyped.
      </p>
      <p className="mt-8 flex justify-center gap-4">
        <Link
          href="/news"
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
        >
          Latest news
        </Link>
        <Link
          href="/topics"
          className="rounded border border-slate-300 px-4 py-2 font-medium hover:bg-slate-100"
        >
          Browse topics
        </Link>
      </p>
    </div>
  );
}
