import type { SearchType } from '@/lib/search/types';

export const TYPE_LABELS: Record<SearchType, { one: string; many: string }> = {
  article: { one: 'Article', many: 'Articles' },
  offering: { one: 'Offering', many: 'Offerings' },
  topic: { one: 'Topic', many: 'Topics' },
};
