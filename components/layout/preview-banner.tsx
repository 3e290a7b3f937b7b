import Link from 'next/link';

import { isPreview } from '@/lib/content';

/** Shown on every page while an editor's preview is on. */
export async function PreviewBanner() {
  if (!(await isPreview())) return null;
  return (
    <div role="status" className="bg-amber-300 text-amber-950">
      <p className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 text-sm">
        <strong>Preview:</strong>
        <span>drafts and scheduled articles are visible, and content is read fresh from disk.</span>
        <Link href="/editor" className="font-semibold underline">
          Editors&apos; page
        </Link>
        {/* A route handler, not a page: a full request that clears the cookie, never prefetched. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a href="/api/draft/disable" className="font-semibold underline">
          Exit preview
        </a>
      </p>
    </div>
  );
}
