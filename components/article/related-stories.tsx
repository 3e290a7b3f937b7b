import Link from 'next/link';

import type { ArticleSummary, TopicNeighbours } from '@/lib/content';

import { ArticleCard } from './article-card';
import { articlePath, topicPath } from '@/lib/routes';

interface RelatedStoriesProps {
  articles: ArticleSummary[];
  /** The stories before and after this one in its primary topic. */
  neighbours: TopicNeighbours | null;
}

/** Under an article: stories that share its topics and offerings, and more of its topic. */
export function RelatedStories({ articles, neighbours }: RelatedStoriesProps) {
  if (articles.length === 0 && !neighbours) return null;
  return (
    <section
      aria-labelledby="related-stories"
      className="flex flex-col gap-6 border-t border-slate-200 pt-8"
    >
      <h2 id="related-stories" className="text-xl font-bold text-slate-900">
        Related stories
      </h2>
      {articles.length > 0 && (
        <ul className="grid gap-8 sm:grid-cols-2">
          {articles.map((article) => (
            <li key={article.slug}>
              <ArticleCard article={article} headingLevel="h3" />
            </li>
          ))}
        </ul>
      )}
      {neighbours && (
        <nav
          aria-label={`More in ${neighbours.topic.label}`}
          className="grid gap-4 text-sm sm:grid-cols-2"
        >
          {neighbours.newer && (
            <Neighbour article={neighbours.newer} label={`Newer in ${neighbours.topic.label}`} />
          )}
          {neighbours.older && (
            <Neighbour
              article={neighbours.older}
              label={`Older in ${neighbours.topic.label}`}
              className="sm:col-start-2 sm:text-right"
            />
          )}
          <Link
            href={topicPath(neighbours.topic.slug)}
            className="font-medium text-brand-700 hover:underline sm:col-span-2"
          >
            More in {neighbours.topic.label} →
          </Link>
        </nav>
      )}
    </section>
  );
}

function Neighbour({
  article,
  label,
  className = '',
}: {
  article: ArticleSummary;
  label: string;
  className?: string;
}) {
  return (
    <Link
      href={articlePath(article.slug)}
      className={`flex flex-col gap-1 rounded-lg border border-slate-200 p-4 hover:border-brand-600 ${className}`}
    >
      <span className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{label}</span>
      <span className="font-serif font-bold text-slate-900">{article.title}</span>
    </Link>
  );
}
