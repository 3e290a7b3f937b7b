import Link from 'next/link';

import { AuthorPhoto } from '@/components/author/author-photo';
import { PagedIndex } from '@/components/layout/paged-index';
import type { AuthorSummary, Paged } from '@/lib/content';
import { pluralize } from '@/lib/format';
import { authorPath, authorsPath } from '@/lib/routes';

export function AuthorList({ authors }: { authors: Paged<AuthorSummary> }) {
  return (
    <PagedIndex
      title="Authors"
      intro="The writers of the stories we curate, by name"
      paged={authors}
      empty="No authors yet."
      columns="sm:grid-cols-2 lg:grid-cols-3"
      keyOf={(author) => author.slug}
      render={(author) => (
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
      )}
      hrefFor={authorsPath}
      label="Author pages"
    />
  );
}
