import { ArticleGrid } from '@/components/article/article-grid';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { JsonLd } from '@/components/seo/json-ld';
import type { ArticleSummary, Paged, Source } from '@/lib/content';
import { pluralize } from '@/lib/format';
import { breadcrumbs } from '@/lib/seo/breadcrumbs';
import { breadcrumbJsonLd, collectionJsonLd } from '@/lib/seo/json-ld';
import { sourcePath } from '@/lib/routes';

/** The articles curated from one publication, newest first. */
export function SourceView({
  source,
  articles,
}: {
  source: Source;
  articles: Paged<ArticleSummary>;
}) {
  const trail = breadcrumbs.source(source);
  return (
    <div className="flex flex-col gap-8">
      <JsonLd
        data={collectionJsonLd(
          `News from ${source.name}`,
          null,
          articles.items,
          sourcePath(source.brand, articles.page),
        )}
      />
      <JsonLd data={breadcrumbJsonLd(trail)} />
      <Breadcrumbs items={trail} />
      <header className="flex max-w-3xl flex-col gap-3">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Source</p>
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">{source.name}</h1>
        <p className="text-lg text-slate-700">
          {pluralize(articles.total, 'story', 'stories')} curated from {source.name}, newest first
          {articles.page > 1 && ` (page ${articles.page} of ${articles.pageCount})`}.
        </p>
      </header>
      <ArticleGrid
        articles={articles}
        hrefFor={(page) => sourcePath(source.brand, page)}
        label={`Pages of news from ${source.name}`}
        empty={`No published news from ${source.name} yet.`}
      />
    </div>
  );
}
