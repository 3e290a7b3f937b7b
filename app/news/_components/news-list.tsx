import { ArticleGrid } from '@/components/article/article-grid';
import { IndexHeader } from '@/components/layout/paged-index';
import type { ArticleSummary, Paged } from '@/lib/content';
import { newsPath } from '@/lib/routes';

export function NewsList({ articles }: { articles: Paged<ArticleSummary> }) {
  return (
    <div>
      <IndexHeader
        title="News"
        intro="Curated digital health stories, newest first"
        paged={articles}
      />
      <ArticleGrid
        articles={articles}
        hrefFor={newsPath}
        label="News pages"
        empty="No news has been published yet."
      />
    </div>
  );
}
