import { ArticleCard } from '@/components/article/article-card';
import { Pagination } from '@/components/layout/pagination';
import type { ArticleSummary, Paged } from '@/lib/content';

export function newsPageHref(page: number): string {
  return page === 1 ? '/news' : `/news/page/${page}`;
}

export function NewsList({ articles }: { articles: Paged<ArticleSummary> }) {
  return (
    <div>
      <header className="mb-8">
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">News</h1>
        <p className="mt-2 text-slate-600">
          Curated digital health stories, newest first
          {articles.page > 1 && ` (page ${articles.page} of ${articles.pageCount})`}.
        </p>
      </header>
      {articles.items.length === 0 ? (
        <p className="text-slate-600">No news has been published yet.</p>
      ) : (
        <ul className="grid gap-10 sm:grid-cols-2 lg:grid-cols-3">
          {articles.items.map((article) => (
            <li key={article.slug}>
              <ArticleCard article={article} />
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={articles.page}
        pageCount={articles.pageCount}
        hrefFor={newsPageHref}
        label="News pages"
      />
    </div>
  );
}
