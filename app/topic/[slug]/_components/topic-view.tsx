import { ArticleCard } from '@/components/article/article-card';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { Pagination } from '@/components/layout/pagination';
import { MdxContent } from '@/components/mdx/mdx-content';
import { RelatedOfferings } from '@/components/offering/related-offerings';
import { JsonLd } from '@/components/seo/json-ld';
import type { ArticleSummary, Offering, Paged, Topic } from '@/lib/content';
import { pluralize } from '@/lib/format';
import { breadcrumbs } from '@/lib/seo/breadcrumbs';
import { breadcrumbJsonLd, topicJsonLd } from '@/lib/seo/json-ld';

export function topicPageHref(slug: string, page: number): string {
  return page === 1 ? `/topic/${slug}` : `/topic/${slug}/page/${page}`;
}

interface TopicViewProps {
  topic: Topic;
  articles: Paged<ArticleSummary>;
  offerings: Offering[];
}

export function TopicView({ topic, articles, offerings }: TopicViewProps) {
  const trail = breadcrumbs.topic(topic);
  return (
    <div className="flex flex-col gap-8">
      <JsonLd data={topicJsonLd(topic, articles.items, topicPageHref(topic.slug, articles.page))} />
      <JsonLd data={breadcrumbJsonLd(trail)} />
      <Breadcrumbs items={trail} />
      <header className="flex max-w-3xl flex-col gap-3">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Topic</p>
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">{topic.label}</h1>
        {topic.description && <p className="text-lg text-slate-700">{topic.description}</p>}
        {articles.page === 1 && topic.body && <MdxContent body={topic.body} />}
      </header>

      {articles.page === 1 && (
        <RelatedOfferings
          title={`Offerings in ${topic.label}`}
          offerings={offerings.slice(0, 12)}
        />
      )}

      <section aria-labelledby="topic-news">
        <h2 id="topic-news" className="mb-6 text-2xl font-bold">
          News{' '}
          <span className="text-base font-normal text-slate-600">
            ({pluralize(articles.total, 'article')}
            {articles.page > 1 && `, page ${articles.page} of ${articles.pageCount}`})
          </span>
        </h2>
        {articles.items.length === 0 ? (
          <p className="text-slate-600">No published news in this topic yet.</p>
        ) : (
          <ul className="grid gap-10 sm:grid-cols-2 lg:grid-cols-3">
            {articles.items.map((article) => (
              <li key={article.slug}>
                <ArticleCard article={article} headingLevel="h3" />
              </li>
            ))}
          </ul>
        )}
        <Pagination
          page={articles.page}
          pageCount={articles.pageCount}
          hrefFor={(page) => topicPageHref(topic.slug, page)}
          label={`${topic.label} news pages`}
        />
      </section>
    </div>
  );
}
