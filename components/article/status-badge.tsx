import { articleState, type ArticleSummary } from '@/lib/content';
import { formatDate } from '@/lib/format';

/** Says that an article readers cannot see yet is a draft or scheduled; only previews show one. */
export async function StatusBadge({ article }: { article: ArticleSummary }) {
  const state = await articleState(article);
  if (state === 'public') return null;
  return (
    <span className="inline-block self-start rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-800">
      {state === 'draft' ? (
        'Draft'
      ) : (
        <>
          Scheduled <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time>
        </>
      )}
    </span>
  );
}
