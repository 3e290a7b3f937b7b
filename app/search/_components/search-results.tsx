import Link from 'next/link';

import { HighlightedText } from '@/components/search/highlighted-text';
import { TYPE_LABELS } from '@/components/search/type-labels';
import { formatDate } from '@/lib/format';
import type { SearchHit } from '@/lib/search/types';

export function SearchResults({ hits, start }: { hits: SearchHit[]; start: number }) {
  return (
    <ol start={start} className="flex flex-col divide-y divide-slate-200">
      {hits.map((hit) => (
        <li key={hit.id} className="py-5 first:pt-0">
          <article className="flex flex-col gap-1.5">
            <p className="text-xs font-semibold tracking-wide text-brand-700 uppercase">
              {TYPE_LABELS[hit.type].one}
            </p>
            <h2 className="font-serif text-lg font-bold text-slate-900">
              <Link href={hit.url} className="hover:underline">
                <HighlightedText segments={hit.titleHighlight} />
              </Link>
            </h2>
            {hit.snippet.length > 0 && (
              <p className="text-sm text-slate-700">
                <HighlightedText segments={hit.snippet} />
              </p>
            )}
            {(hit.publishedAt || hit.detail) && (
              <p className="text-xs text-slate-500">
                {hit.publishedAt && (
                  <time dateTime={hit.publishedAt}>{formatDate(hit.publishedAt)}</time>
                )}
                {hit.publishedAt && hit.detail && ' · '}
                {hit.detail && (hit.type === 'article' ? `via ${hit.detail}` : hit.detail)}
              </p>
            )}
          </article>
        </li>
      ))}
    </ol>
  );
}
