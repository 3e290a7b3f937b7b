import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';

import { Pagination } from '@/components/layout/pagination';
import { resultCount, TYPE_LABELS } from '@/components/search/type-labels';
import { search } from '@/lib/search';
import { parseSearchParams, searchPath } from '@/lib/search/query';
import type { SearchResponse } from '@/lib/search/types';

import { SearchFilters } from './_components/search-filters';
import { SearchForm } from './_components/search-form';
import { SearchResults } from './_components/search-results';

/** Results for each reader's own query, rendered for the request; never built ahead or kept. */
export const dynamic = 'force-dynamic';

export async function generateMetadata({ searchParams }: PageProps<'/search'>): Promise<Metadata> {
  const parsed = parseSearchParams(await searchParams);
  const q = parsed.ok ? parsed.query.q : '';
  return {
    title: q ? `Search results for “${q}”` : 'Search',
    description: 'Search the digital health news, offerings and topics.',
    // Result pages are endless variations on the site's own pages: followed, never indexed.
    robots: { index: false, follow: true },
  };
}

/**
 * Server-rendered results for `?q=&type=&topic=&page=`, calling the search directly (not the
 * API). A page cannot answer 400, so bad parameters get a message here with status 200
 * (notFound() would claim the page does not exist); the API route answers them with 400.
 */
export default async function SearchPage({ searchParams }: PageProps<'/search'>) {
  const parsed = parseSearchParams(await searchParams);
  if (!parsed.ok) {
    return (
      <SearchLayout q="">
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-4">
          That search could not be run: {parsed.error.message}.{' '}
          <Link href="/search" className="font-medium text-brand-700 underline">
            Start a new search
          </Link>
          .
        </p>
      </SearchLayout>
    );
  }
  const { query } = parsed;
  const results = query.q ? await search(query) : null;
  return (
    <SearchLayout q={query.q} status={results && statusText(results)}>
      {results && <Results results={results} />}
    </SearchLayout>
  );
}

function SearchLayout({
  q,
  status,
  children,
}: {
  q: string;
  status?: string | null;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-8">
      <header className="flex flex-col gap-4">
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">Search</h1>
        <SearchForm q={q} />
        {/* A live region: when the header box changes the query, the new count is announced. */}
        <p role="status" className="text-slate-700">
          {status ?? (q ? '' : 'Type a word or two to search the news, offerings and topics.')}
        </p>
      </header>
      {children}
    </div>
  );
}

function Results({ results }: { results: SearchResponse }) {
  const { query, hits, total, pageCount } = results;
  return (
    <div className="grid gap-8 lg:grid-cols-[14rem_1fr]">
      <aside aria-label="Filters">
        {/* Collapsed on phones, so that the first result shows on the first screen; always
            open beside the results from lg up. */}
        <details className="rounded-lg border border-slate-200 lg:border-0 lg:details-content:[content-visibility:visible]">
          <summary className="cursor-pointer px-4 py-2 font-medium text-slate-800 lg:hidden">
            Filters
          </summary>
          <div className="px-4 pt-2 pb-4 lg:p-0">
            <SearchFilters query={query} counts={results.counts} exact={results.exact} />
          </div>
        </details>
      </aside>
      <section aria-label="Results" className="min-w-0">
        {total === 0 ? (
          <p className="text-slate-700">
            Try fewer or different words
            {(query.type || query.topic) && (
              <>
                , or{' '}
                <Link
                  href={searchPath({ q: query.q })}
                  className="font-medium text-brand-700 underline"
                >
                  search everything
                </Link>
              </>
            )}
            .
          </p>
        ) : hits.length === 0 ? (
          <p className="text-slate-700">
            The results end on page {pageCount}.{' '}
            <Link
              href={searchPath({ ...query, page: 1 })}
              className="font-medium text-brand-700 underline"
            >
              Back to the first page
            </Link>
            .
          </p>
        ) : (
          <SearchResults hits={hits} start={(query.page - 1) * query.limit + 1} />
        )}
        {hits.length > 0 && (
          <Pagination
            page={query.page}
            pageCount={pageCount}
            hrefFor={(page) => searchPath({ ...query, page })}
            label="Search result pages"
            previousLabel="Previous"
            nextLabel="Next"
          />
        )}
      </section>
    </div>
  );
}

function statusText({ query, total, exact, pageCount, counts }: SearchResponse): string {
  const topic = counts.topic.find((entry) => entry.slug === query.topic)?.label ?? query.topic;
  const filters = [
    query.type && TYPE_LABELS[query.type].many.toLowerCase(),
    topic && `in ${topic}`,
  ].filter(Boolean);
  const scope = filters.length > 0 ? ` (${filters.join(', ')})` : '';
  const count = total === 0 ? 'No results' : resultCount(total, exact);
  const page = pageCount > 1 ? `, page ${query.page} of ${pageCount}` : '';
  return `${count} for “${query.q}”${scope}${page}.`;
}
