import type { ReactNode } from 'react';

import type { Paged } from '@/lib/content';

import { Pagination } from './pagination';

interface IndexHeaderProps {
  title: string;
  /** What the index lists, as a sentence without its full stop. */
  intro: ReactNode;
  paged: Paged<unknown>;
}

/** An index page's heading, saying which page this is past the first. */
export function IndexHeader({ title, intro, paged }: IndexHeaderProps) {
  return (
    <header className="mb-8">
      <h1 className="font-serif text-3xl font-bold sm:text-4xl">{title}</h1>
      <p className="mt-2 text-slate-600">
        {intro}
        {paged.page > 1 && ` (page ${paged.page} of ${paged.pageCount})`}.
      </p>
    </header>
  );
}

interface PagedIndexProps<T> extends IndexHeaderProps {
  paged: Paged<T>;
  /** Said when there is nothing to list. */
  empty: string;
  /** The grid's columns, as Tailwind classes. */
  columns: string;
  keyOf: (item: T) => string;
  render: (item: T) => ReactNode;
  /** URL of a page of the index, and the name of its page links. */
  hrefFor: (page: number) => string;
  label: string;
}

/** An index of topics, offerings or authors: a grid of cards, a page at a time. */
export function PagedIndex<T>({
  paged,
  empty,
  columns,
  keyOf,
  render,
  hrefFor,
  label,
  ...header
}: PagedIndexProps<T>) {
  return (
    <div>
      <IndexHeader {...header} paged={paged} />
      {paged.items.length === 0 ? (
        <p className="text-slate-600">{empty}</p>
      ) : (
        <ul className={`grid gap-4 ${columns}`}>
          {paged.items.map((item) => (
            <li key={keyOf(item)}>{render(item)}</li>
          ))}
        </ul>
      )}
      <Pagination
        page={paged.page}
        pageCount={paged.pageCount}
        hrefFor={hrefFor}
        label={label}
        previousLabel="Previous"
        nextLabel="Next"
      />
    </div>
  );
}
