import 'server-only';

import { contentStore } from '@/lib/content/database';
import type { View } from '@/lib/content/store';
import { currentView } from '@/lib/content/view';

import type { SearchQuery, SearchResponse } from './types';

export type { SearchQuery, SearchResponse } from './types';

/**
 * Searches what a view may see: by default the current request's (readers get public content,
 * an editor's preview drafts and scheduled articles too). The content database answers, from
 * its full-text index.
 */
export async function search(query: SearchQuery, view?: View): Promise<SearchResponse> {
  const [store, seen] = await Promise.all([contentStore(), view ?? currentView()]);
  return store.search(query, seen);
}
