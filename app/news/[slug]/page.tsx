import type { Metadata } from 'next';

import Link from 'next/link';

import { Byline } from '@/components/article/byline';
import { FeaturedImage } from '@/components/article/featured-image';
import { RelatedStories } from '@/components/article/related-stories';
import { ShareLinks } from '@/components/article/share-links';
import { StatusBadge } from '@/components/article/status-badge';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { MdxContent } from '@/components/mdx/mdx-content';
import { RelatedOfferings } from '@/components/offering/related-offerings';
import { TopicLinks } from '@/components/topic/topic-links';
import { JsonLd } from '@/components/seo/json-ld';
import { adjacentInTopic, getArticle, getOfferings, relatedArticles } from '@/lib/content';
import { formatDate } from '@/lib/format';
import { redirectAliasOrNotFound } from '@/lib/redirects';
import { breadcrumbs } from '@/lib/seo/breadcrumbs';
import { breadcrumbJsonLd, newsArticleJsonLd } from '@/lib/seo/json-ld';
import { articleImage, articleMetadata, NOT_FOUND_METADATA } from '@/lib/seo/metadata';
import { absoluteUrl } from '@/lib/site';
import { articlePath, sourcePath } from '@/lib/routes';

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/news/[slug]'>): Promise<Metadata> {
  const article = await getArticle((await params).slug);
  return article ? articleMetadata(article) : NOT_FOUND_METADATA;
}

export default async function ArticlePage({ params }: PageProps<'/news/[slug]'>) {
  const { slug } = await params;
  const article = await getArticle(slug);
  if (!article) return redirectAliasOrNotFound(articlePath(encodeURIComponent(slug)));
  const [offerings, related, neighbours] = await Promise.all([
    getOfferings(article.offerings),
    relatedArticles(article),
    adjacentInTopic(article),
  ]);
  const primaryTopic = article.topics[0];
  const trail = breadcrumbs.article(article);

  return (
    <article className="mx-auto flex max-w-3xl flex-col gap-6">
      <JsonLd data={newsArticleJsonLd(article, articleImage(article).url)} />
      <JsonLd data={breadcrumbJsonLd(trail)} />
      <Breadcrumbs items={trail} />
      <header className="flex flex-col gap-4">
        <StatusBadge article={article} />
        {primaryTopic && (
          <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">
            {primaryTopic.label}
          </p>
        )}
        <h1 className="font-serif text-3xl leading-tight font-bold text-balance sm:text-4xl">
          {article.title}
        </h1>
        {article.description && <p className="text-lg text-slate-700">{article.description}</p>}
        <p className="flex flex-wrap gap-x-2 text-sm text-slate-600">
          {article.authors.length > 0 && (
            <>
              <Byline authors={article.authors} />
              <span aria-hidden="true">·</span>
            </>
          )}
          <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time>
          <span aria-hidden="true">·</span>
          <span>{article.readingMinutes} min read</span>
        </p>
      </header>

      <FeaturedImage image={article.image} preload sizes="(min-width: 768px) 768px, 100vw" />

      <MdxContent body={article.body} className="font-serif sm:prose-lg" />

      <ShareLinks url={absoluteUrl(articlePath(article.slug))} title={article.title} />

      {article.source && (
        <aside
          aria-label="Source"
          className="rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm"
        >
          <p>
            Curated from the original story via{' '}
            <Link
              href={sourcePath(article.source.brand)}
              className="font-semibold text-slate-900 underline"
            >
              {article.source.name}
            </Link>
            .{' '}
            <a
              href={article.source.url}
              rel="noopener noreferrer"
              className="font-medium text-brand-700 underline"
            >
              Read the original article<span className="sr-only"> on {article.source.name}</span>
            </a>
          </p>
        </aside>
      )}

      {article.topics.length > 0 && (
        <section aria-labelledby="article-topics" className="flex flex-col gap-3">
          <h2
            id="article-topics"
            className="text-sm font-semibold tracking-wide text-slate-600 uppercase"
          >
            Topics
          </h2>
          <TopicLinks topics={article.topics} />
        </section>
      )}

      <RelatedOfferings title="Related offerings" offerings={offerings} />

      <RelatedStories articles={related} neighbours={neighbours} />
    </article>
  );
}
