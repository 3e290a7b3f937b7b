import Link from 'next/link';

import { Pagination } from '@/components/layout/pagination';
import type { Paged, TopicSummary } from '@/lib/content';
import { pluralize } from '@/lib/format';
import { topicPath, topicsPath } from '@/lib/routes';

export function TopicList({ topics }: { topics: Paged<TopicSummary> }) {
  return (
    <div>
      <header className="mb-8">
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">Topics</h1>
        <p className="mt-2 text-slate-600">
          Browse the news and offerings by subject: {pluralize(topics.total, 'topic')}, those with
          the most news first
          {topics.page > 1 && ` (page ${topics.page} of ${topics.pageCount})`}.
        </p>
      </header>
      {topics.items.length === 0 ? (
        <p className="text-slate-600">No topics yet.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {topics.items.map((topic) => (
            <li key={topic.slug}>
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
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={topics.page}
        pageCount={topics.pageCount}
        hrefFor={topicsPath}
        label="Topic pages"
        previousLabel="Previous"
        nextLabel="Next"
      />
    </div>
  );
}
