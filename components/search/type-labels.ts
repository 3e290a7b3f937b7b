import type { SearchType } from '@/lib/search/types';

export const TYPE_LABELS: Record<SearchType, { one: string; many: string }> = {
  article: { one: 'Article', many: 'Articles' },
  offering: { one: 'Offering', many: 'Offerings' },
  topic: { one: 'Topic', many: 'Topics' },
};

/** "12 results", or "About 97,000 results" when the engine estimated (SearchResponse.exact). */
export function resultCount(total: number, exact: boolean): string {
  const number = total.toLocaleString('en-US');
  const noun = total === 1 ? 'result' : 'results';
  return exact ? `${number} ${noun}` : `About ${number} ${noun}`;
}
