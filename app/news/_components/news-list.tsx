import { ArticleGrid } from '@/components/article/article-grid';
import type { ArticleSummary, Paged } from '@/lib/content';
import { newsPath } from '@/lib/routes';

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
      <ArticleGrid
        articles={articles}
        hrefFor={newsPath}
        label="News pages"
        empty="No news has been published yet."
      />
    </div>
  );
}
