import { ArticleSection } from '@/components/article/article-grid';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { MdxContent } from '@/components/mdx/mdx-content';
import { RelatedOfferings } from '@/components/offering/related-offerings';
import { JsonLd } from '@/components/seo/json-ld';
import type { ArticleSummary, Offering, Paged, Topic } from '@/lib/content';
import { breadcrumbs } from '@/lib/seo/breadcrumbs';
import { breadcrumbJsonLd, collectionJsonLd } from '@/lib/seo/json-ld';
import { topicPath } from '@/lib/routes';

interface TopicViewProps {
  topic: Topic;
  articles: Paged<ArticleSummary>;
  offerings: Offering[];
}

export function TopicView({ topic, articles, offerings }: TopicViewProps) {
  const trail = breadcrumbs.topic(topic);
  return (
    <div className="flex flex-col gap-8">
      <JsonLd
        data={collectionJsonLd(
          topic.label,
          topic.description,
          articles.items,
          topicPath(topic.slug, articles.page),
        )}
      />
      <JsonLd data={breadcrumbJsonLd(trail)} />
      <Breadcrumbs items={trail} />
      <header className="flex max-w-3xl flex-col gap-3">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Topic</p>
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">{topic.label}</h1>
        {topic.description && <p className="text-lg text-slate-700">{topic.description}</p>}
        {articles.page === 1 && topic.body && <MdxContent body={topic.body} />}
      </header>

      {articles.page === 1 && (
        <RelatedOfferings title={`Offerings in ${topic.label}`} offerings={offerings} />
      )}

      <ArticleSection
        id="topic-news"
        title="News"
        articles={articles}
        hrefFor={(page) => topicPath(topic.slug, page)}
        label={`${topic.label} news pages`}
        empty="No published news in this topic yet."
      />
    </div>
  );
}
