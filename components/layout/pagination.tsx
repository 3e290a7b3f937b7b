import Link from 'next/link';

interface PaginationProps {
  page: number;
  pageCount: number;
  /** URL of a page number; page 1 is the section's own URL. */
  hrefFor: (page: number) => string;
  label: string;
  /** Words of the links to the previous and next page; lists run newest first by default. */
  previousLabel?: string;
  nextLabel?: string;
}

/** Plain links, so crawlers and readers without JavaScript reach every page. */
export function Pagination({
  page,
  pageCount,
  hrefFor,
  label,
  previousLabel = 'Newer',
  nextLabel = 'Older',
}: PaginationProps) {
  if (pageCount <= 1) return null;
  const pages = visiblePages(page, pageCount);
  const linkClass = 'rounded border border-slate-300 px-3 py-2 hover:bg-slate-100';
  return (
    <nav
      aria-label={label}
      className="mt-10 flex flex-wrap items-center justify-center gap-2 text-sm"
    >
      {page > 1 && (
        <Link href={hrefFor(page - 1)} rel="prev" className={linkClass}>
          ← {previousLabel}
        </Link>
      )}
      <ul className="flex flex-wrap gap-1">
        {pages.map((number, index) =>
          number === null ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-2 py-2 text-slate-400">
              …
            </li>
          ) : (
            <li key={number}>
              {number === page ? (
                <span
                  aria-current="page"
                  className="block rounded bg-brand-700 px-3 py-2 font-semibold text-white"
                >
                  {number}
                </span>
              ) : (
                <Link
                  href={hrefFor(number)}
                  className={`block ${linkClass}`}
                  aria-label={`Page ${number}`}
                >
                  {number}
                </Link>
              )}
            </li>
          ),
        )}
      </ul>
      {page < pageCount && (
        <Link href={hrefFor(page + 1)} rel="next" className={linkClass}>
          {nextLabel} →
        </Link>
      )}
    </nav>
  );
}

/** First, last, and two either side of the current page; null marks a gap. */
export function visiblePages(page: number, pageCount: number): Array<number | null> {
  const wanted = new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2]);
  const pages = [...wanted].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const result: Array<number | null> = [];
  pages.forEach((n, i) => {
    if (i > 0 && n - pages[i - 1]! > 1) result.push(null);
    result.push(n);
  });
  return result;
}
