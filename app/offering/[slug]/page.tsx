import type { Metadata } from 'next';
import Link from 'next/link';

import { FeaturedImage } from '@/components/article/featured-image';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { MdxContent } from '@/components/mdx/mdx-content';
import { RelatedOfferings } from '@/components/offering/related-offerings';
import { JsonLd } from '@/components/seo/json-ld';
import { TopicLinks } from '@/components/topic/topic-links';
import { getOffering, listArticlesByOffering, relatedOfferings } from '@/lib/content';
import { formatDate } from '@/lib/format';
import { redirectAliasOrNotFound } from '@/lib/redirects';
import { breadcrumbs } from '@/lib/seo/breadcrumbs';
import { breadcrumbJsonLd, offeringJsonLd } from '@/lib/seo/json-ld';
import { NOT_FOUND_METADATA, offeringImage, offeringMetadata } from '@/lib/seo/metadata';
import { articlePath, offeringPath } from '@/lib/routes';

/** Nothing is rendered ahead at build: each page is rendered on its first request, then kept. */
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({
  params,
}: PageProps<'/offering/[slug]'>): Promise<Metadata> {
  const offering = await getOffering((await params).slug);
  return offering ? offeringMetadata(offering) : NOT_FOUND_METADATA;
}

export default async function OfferingPage({ params }: PageProps<'/offering/[slug]'>) {
  const { slug } = await params;
  const offering = await getOffering(slug);
  if (!offering) return redirectAliasOrNotFound(offeringPath(encodeURIComponent(slug)));
  const trail = breadcrumbs.offering(offering);
  const [mentions, related] = await Promise.all([
    listArticlesByOffering(offering.slug),
    relatedOfferings(offering),
  ]);

  return (
    <div className="flex flex-col gap-10">
      <JsonLd data={offeringJsonLd(offering, offeringImage(offering).url)} />
      <JsonLd data={breadcrumbJsonLd(trail)} />
      <Breadcrumbs items={trail} />
      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <div className="flex flex-col gap-4">
          <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Offering</p>
          <h1 className="font-serif text-3xl font-bold sm:text-4xl">{offering.title}</h1>
          {offering.vendor && <p className="text-lg text-slate-700">by {offering.vendor}</p>}
          {offering.description && <p className="text-lg text-slate-700">{offering.description}</p>}
          {offering.body ? (
            <MdxContent body={offering.body} />
          ) : (
            !offering.hasProfile && (
              <p className="rounded-lg border border-dashed border-slate-300 p-4 text-slate-600">
                We do not have a full profile of {offering.title} yet. Below is the news that
                mentions it.
              </p>
            )
          )}
        </div>
        <aside aria-label="Offering details" className="flex flex-col gap-4">
          <FeaturedImage
            image={offering.image}
            aspect="aspect-[3/2]"
            sizes="(min-width: 1024px) 360px, 100vw"
            preload
          />
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            {offering.vendor && (
              <>
                <dt className="font-semibold text-slate-600">Vendor</dt>
                <dd>{offering.vendor}</dd>
              </>
            )}
            {offering.website && (
              <>
                <dt className="font-semibold text-slate-600">Website</dt>
                <dd className="break-all">
                  <a
                    href={offering.website}
                    rel="noopener noreferrer"
                    className="text-brand-700 underline"
                  >
                    {new URL(offering.website).hostname.replace(/^www\./, '')}
                  </a>
                </dd>
              </>
            )}
          </dl>
          <TopicLinks topics={offering.topics} label={`Topics of ${offering.title}`} />
        </aside>
      </div>

      <section aria-labelledby="offering-news">
        <h2 id="offering-news" className="mb-4 text-2xl font-bold">
          In the news
        </h2>
        {mentions.length === 0 ? (
          <p className="text-slate-600">No published news mentions {offering.title} yet.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-200">
            {mentions.map((article) => (
              <li key={article.slug} className="py-3">
                <Link href={articlePath(article.slug)} className="font-medium hover:underline">
                  {article.title}
                </Link>
                <p className="text-sm text-slate-500">
                  <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <RelatedOfferings title="Related offerings" offerings={related} />
    </div>
  );
}
