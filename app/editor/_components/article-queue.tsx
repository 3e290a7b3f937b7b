import Link from 'next/link';
import type { ReactNode } from 'react';

import type { ArticleSummary } from '@/lib/content';
import { articlePath } from '@/lib/routes';

interface ArticleQueueProps {
  id: string;
  title: string;
  empty: string;
  articles: ArticleSummary[];
  /** What to say after each link, e.g. the file or the publication date. */
  detail: (article: ArticleSummary) => ReactNode;
}

export function ArticleQueue({ id, title, empty, articles, detail }: ArticleQueueProps) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-3 text-xl font-bold">
        {title}
      </h2>
      {articles.length === 0 ? (
        <p className="text-slate-600">{empty}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {articles.map((article) => (
            <li key={article.slug}>
              <Link
                href={articlePath(article.slug)}
                className="font-medium text-brand-700 underline"
              >
                {article.title}
              </Link>{' '}
              <span className="text-sm text-slate-500">{detail(article)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
