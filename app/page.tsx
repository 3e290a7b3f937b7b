import type { Metadata } from 'next';
import Link from 'next/link';

import { ArticleCard } from '@/components/article/article-card';
import { OfferingCard } from '@/components/offering/offering-card';
import { JsonLd } from '@/components/seo/json-ld';
import { featuredOfferings, latestArticles, popularTopics } from '@/lib/content';
import { pluralize } from '@/lib/format';
import { websiteJsonLd } from '@/lib/seo/json-ld';
import { sectionMetadata } from '@/lib/seo/metadata';
import { SITE_NAME, SITE_TAGLINE } from '@/lib/site';
import { topicPath } from '@/lib/routes';

export const metadata: Metadata = {
  ...sectionMetadata(`${SITE_NAME}: digital health news`, SITE_TAGLINE, '/'),
  // The layout's default title, without the "| site name" template.
  title: { absolute: `${SITE_NAME}: digital health news` },
};

export default async function HomePage() {
  const [articles, topics, offerings] = await Promise.all([
    latestArticles(7),
    popularTopics(12),
    featuredOfferings(6),
  ]);
  const [lead, ...rest] = articles;

  return (
    <div className="flex flex-col gap-14">
      <JsonLd data={websiteJsonLd()} />
      <section aria-labelledby="latest-heading">
        <div className="mb-6 flex flex-col gap-1">
          <h1 className="font-serif text-3xl font-bold sm:text-4xl">{SITE_NAME}</h1>
          <p className="text-slate-600">{SITE_TAGLINE}</p>
        </div>
        <h2 id="latest-heading" className="sr-only">
          Latest news
        </h2>
        {/* The lead story spans the width, its text beside its picture on wide screens, so
            no column runs on below the other. */}
        {lead ? (
          <ArticleCard article={lead} lead />
        ) : (
          <p className="text-slate-600">No news has been published yet.</p>
        )}
        {rest.length > 0 && (
          <ul className="mt-10 grid gap-8 sm:grid-cols-2 lg:grid-cols-3">
            {rest.map((article) => (
              <li key={article.slug}>
                <ArticleCard article={article} headingLevel="h3" />
              </li>
            ))}
          </ul>
        )}
        <p className="mt-8">
          <Link href="/news" className="font-medium text-brand-700 hover:underline">
            All news →
          </Link>
        </p>
      </section>

      {topics.length > 0 && (
        <section aria-labelledby="topics-heading">
          <h2 id="topics-heading" className="mb-4 text-2xl font-bold">
            Topics
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {topics.map((topic) => (
              <li key={topic.slug}>
                <Link
                  href={topicPath(topic.slug)}
                  className="flex h-full flex-col rounded-lg border border-slate-200 p-4 hover:border-brand-600 hover:bg-brand-50"
                >
                  <span className="font-semibold">{topic.label}</span>
                  <span className="text-sm text-slate-600">
                    {pluralize(topic.articleCount, 'article')}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          <p className="mt-4">
            <Link href="/topics" className="font-medium text-brand-700 hover:underline">
              All topics →
            </Link>
          </p>
        </section>
      )}

      {offerings.length > 0 && (
        <section aria-labelledby="offerings-heading">
          <h2 id="offerings-heading" className="mb-4 text-2xl font-bold">
            Featured offerings
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {offerings.map((offering) => (
              <li key={offering.slug}>
                <OfferingCard offering={offering} />
              </li>
            ))}
          </ul>
          <p className="mt-4">
            <Link href="/offerings" className="font-medium text-brand-700 hover:underline">
              All offerings →
            </Link>
          </p>
        </section>
      )}
    </div>
  );
}
