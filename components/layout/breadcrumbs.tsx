import Link from 'next/link';

import type { Crumb } from '@/lib/seo/breadcrumbs';

/** The last crumb is the current page and is not a link. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
      <ol className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {items.map((item, index) => {
          const current = index === items.length - 1;
          return (
            <li key={item.href} className="flex min-w-0 items-center gap-2">
              {current ? (
                <span aria-current="page" className="line-clamp-1 text-slate-500">
                  {item.label}
                </span>
              ) : (
                <>
                  <Link href={item.href} className="hover:text-slate-900 hover:underline">
                    {item.label}
                  </Link>
                  <span aria-hidden="true">›</span>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
