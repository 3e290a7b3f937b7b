import Link from 'next/link';

import { AuthorPhoto } from '@/components/author/author-photo';
import { Pagination } from '@/components/layout/pagination';
import type { AuthorSummary, Paged } from '@/lib/content';
import { pluralize } from '@/lib/format';
import { authorPath, authorsPath } from '@/lib/routes';

export function AuthorList({ authors }: { authors: Paged<AuthorSummary> }) {
  return (
    <div>
      <header className="mb-8">
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">Authors</h1>
        <p className="mt-2 text-slate-600">
          The writers of the stories we curate, by name
          {authors.page > 1 && ` (page ${authors.page} of ${authors.pageCount})`}.
        </p>
      </header>
      {authors.items.length === 0 ? (
        <p className="text-slate-600">No authors yet.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {authors.items.map((author) => (
            <li key={author.slug}>
              <Link
                href={authorPath(author.slug)}
                className="flex h-full items-center gap-4 rounded-lg border border-slate-200 p-4 hover:border-brand-600 hover:bg-brand-50"
              >
                <AuthorPhoto author={author} size={48} />
                <span className="flex flex-col">
                  <span className="font-semibold">{author.name}</span>
                  {author.role && <span className="text-sm text-slate-600">{author.role}</span>}
                  <span className="text-xs text-slate-500">
                    {pluralize(author.articleCount, 'article')}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={authors.page}
        pageCount={authors.pageCount}
        hrefFor={authorsPath}
        label="Author pages"
        previousLabel="Previous"
        nextLabel="Next"
      />
    </div>
  );
}
