import 'server-only';

import { loadedContent, type LoadedContent } from '@/lib/content';

import { toSearchDocuments } from './documents';
import { createSearchEngine } from './engine';
import type { SearchEngine, SearchOptions, SearchQuery, SearchResponse } from './types';

export type { SearchOptions, SearchQuery, SearchResponse } from './types';

/**
 * One engine per loaded content, built on the first search. The whole index is rebuilt only
 * when the content is reloaded: visibility is decided per query, so scheduled articles need
 * no rebuild. To move to an external engine, build it here instead.
 *
 * Kept on globalThis because Next bundles pages and route handlers separately, each with its
 * own copy of this module; the content they load is one object (see lib/content), and so is
 * its index.
 */
const engines = ((globalThis as { [key: symbol]: unknown })[Symbol.for('portal.search')] ??=
  new WeakMap<LoadedContent, SearchEngine>()) as WeakMap<LoadedContent, SearchEngine>;

function engineFor(content: LoadedContent): SearchEngine {
  let engine = engines.get(content);
  if (!engine) {
    const started = performance.now();
    const documents = toSearchDocuments(content);
    engine = createSearchEngine(documents);
    engines.set(content, engine);
    console.info(
      `search: indexed ${documents.length} documents in ${Math.round(performance.now() - started)} ms`,
    );
  }
  return engine;
}

/**
 * Searches what readers may see. `includeUnpublished` adds drafts and scheduled articles, for
 * an editor's preview only.
 */
export async function search(
  query: SearchQuery,
  options: SearchOptions = {},
): Promise<SearchResponse> {
  return engineFor(await loadedContent()).search(query, {
    includeUnpublished: options.includeUnpublished ?? false,
    now: options.now,
  });
}
