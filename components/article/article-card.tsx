import Link from 'next/link';

import type { ArticleSummary } from '@/lib/content';
import { formatDate } from '@/lib/format';

import { FeaturedImage } from './featured-image';
import { StatusBadge } from './status-badge';
import { articlePath, sourcePath } from '@/lib/routes';

interface ArticleCardProps {
  article: ArticleSummary;
  /** The lead story on the home page: larger, image preloaded, beside its text on wide screens. */
  lead?: boolean;
  headingLevel?: 'h2' | 'h3';
}

export function ArticleCard({
  article,
  lead = false,
  headingLevel: Heading = 'h2',
}: ArticleCardProps) {
  const topic = article.topics[0];
  return (
    <article
      className={`group relative grid gap-3 ${lead ? 'lg:grid-cols-[3fr_2fr] lg:items-center lg:gap-8' : ''}`}
    >
      <FeaturedImage
        image={article.image}
        preload={lead}
        sizes={
          lead
            ? '(min-width: 1152px) 680px, (min-width: 1024px) 60vw, 100vw'
            : '(min-width: 1024px) 360px, (min-width: 640px) 50vw, 100vw'
        }
      />
      <div className="flex flex-col gap-2">
        <StatusBadge article={article} />
        {topic && (
          <p className="text-xs font-semibold tracking-wide text-brand-700 uppercase">
            {topic.label}
          </p>
        )}
        <Heading
          className={`font-serif font-bold text-slate-900 ${lead ? 'text-2xl sm:text-3xl' : 'text-lg'}`}
        >
          {/* The whole card is clickable through this link's overlay. */}
          <Link
            href={articlePath(article.slug)}
            className="group-hover:underline after:absolute after:inset-0"
          >
            {article.title}
          </Link>
        </Heading>
        <p className={`text-slate-600 ${lead ? 'text-base' : 'line-clamp-3 text-sm'}`}>
          {article.description}
        </p>
        <p className="text-xs text-slate-500">
          <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time>
          {article.source && (
            <>
              {' · via '}
              {/* Above the headline link's overlay, so that it can be clicked. */}
              <Link href={sourcePath(article.source.brand)} className="relative hover:underline">
                {article.source.name}
              </Link>
            </>
          )}
        </p>
      </div>
    </article>
  );
}
