import Link from 'next/link';

import type { TopicRef } from '@/lib/content';
import { topicPath } from '@/lib/routes';

export function TopicLinks({ topics, label = 'Topics' }: { topics: TopicRef[]; label?: string }) {
  if (topics.length === 0) return null;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-2">
      {topics.map((topic) => (
        <li key={topic.slug}>
          <Link
            href={topicPath(topic.slug)}
            className="inline-block rounded-full bg-brand-50 px-3 py-1 text-sm font-medium text-brand-800 ring-1 ring-brand-100 hover:bg-brand-100"
          >
            {topic.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
