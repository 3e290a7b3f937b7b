import Link from 'next/link';

import { PagedIndex } from '@/components/layout/paged-index';
import type { Paged, TopicSummary } from '@/lib/content';
import { pluralize } from '@/lib/format';
import { topicPath, topicsPath } from '@/lib/routes';

export function TopicList({ topics }: { topics: Paged<TopicSummary> }) {
  return (
    <PagedIndex
      title="Topics"
      intro={`Browse the news and offerings by subject: ${pluralize(topics.total, 'topic')}, those with the most news first`}
      paged={topics}
      empty="No topics yet."
      columns="sm:grid-cols-2 lg:grid-cols-3"
      keyOf={(topic) => topic.slug}
      render={(topic) => (
        <Link
          href={topicPath(topic.slug)}
          className="flex h-full flex-col gap-2 rounded-lg border border-slate-200 p-5 hover:border-brand-600 hover:bg-brand-50"
        >
          <span className="text-lg font-semibold">{topic.label}</span>
          {topic.description && (
            <span className="line-clamp-3 text-sm text-slate-600">{topic.description}</span>
          )}
          <span className="mt-auto text-xs text-slate-500">
            {pluralize(topic.articleCount, 'article')} ·{' '}
            {pluralize(topic.offeringCount, 'offering')}
          </span>
        </Link>
      )}
      hrefFor={topicsPath}
      label="Topic pages"
    />
  );
}
