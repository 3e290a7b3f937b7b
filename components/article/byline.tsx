import Link from 'next/link';
import { Fragment } from 'react';

import type { AuthorRef } from '@/lib/content';
import { authorPath } from '@/lib/routes';

/** "By A, B and C", each name a link to its author's page. */
export function Byline({ authors }: { authors: AuthorRef[] }) {
  return (
    <span>
      By{' '}
      {authors.map((author, index) => (
        <Fragment key={index}>
          {index > 0 && (index === authors.length - 1 ? ' and ' : ', ')}
          {author.slug ? (
            <Link
              href={authorPath(author.slug)}
              className="font-medium text-slate-800 underline decoration-slate-300 underline-offset-2 hover:decoration-current"
            >
              {author.name}
            </Link>
          ) : (
            <span className="font-medium text-slate-800">{author.name}</span>
          )}
        </Fragment>
      ))}
    </span>
  );
}
