import { Pagination } from '@/components/layout/pagination';
import type { ArticleSummary, Paged } from '@/lib/content';
import { pluralize } from '@/lib/format';

import { ArticleCard } from './article-card';

interface ArticleGridProps {
  articles: Paged<ArticleSummary>;
  /** URL of a page number; page 1 is the listing's own URL. */
  hrefFor: (page: number) => string;
  /** Names the page links, e.g. "News pages". */
  label: string;
  empty: string;
  headingLevel?: 'h2' | 'h3';
}

/** One page of a listing, newest first, with links to the other pages. */
export function ArticleGrid({ articles, hrefFor, label, empty, headingLevel }: ArticleGridProps) {
  return (
    <>
      {articles.items.length === 0 ? (
        <p className="text-slate-600">{empty}</p>
      ) : (
        <ul className="grid gap-10 sm:grid-cols-2 lg:grid-cols-3">
          {articles.items.map((article) => (
            <li key={article.slug}>
              <ArticleCard article={article} headingLevel={headingLevel} />
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={articles.page}
        pageCount={articles.pageCount}
        hrefFor={hrefFor}
        label={label}
      />
    </>
  );
}

/** A listing under its own heading, which counts the articles and names the page. */
export function ArticleSection({
  id,
  title,
  ...grid
}: Omit<ArticleGridProps, 'headingLevel'> & { id: string; title: string }) {
  const { total, page, pageCount } = grid.articles;
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-6 text-2xl font-bold">
        {title}{' '}
        <span className="text-base font-normal text-slate-600">
          ({pluralize(total, 'article')}
          {page > 1 && `, page ${page} of ${pageCount}`})
        </span>
      </h2>
      <ArticleGrid {...grid} headingLevel="h3" />
    </section>
  );
}
