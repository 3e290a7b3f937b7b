'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';

import type { SearchResponse } from '@/lib/search/types';

import { QueryProvider } from './query-provider';

const SUGGESTION_COUNT = 8;

export interface Suggestions {
  data: SearchResponse | undefined;
  isError: boolean;
}

export interface SuggestionSourceProps {
  /** The debounced, trimmed text of the box. */
  query: string;
  enabled: boolean;
  onChange: (suggestions: Suggestions) => void;
}

/**
 * Fetches the search box's suggestions and reports them to it; renders nothing. Its own module,
 * so the search box can import it (and React Query with it) only once a reader uses the box.
 */
export function SuggestionSource(props: SuggestionSourceProps) {
  return (
    <QueryProvider>
      <SuggestionQuery {...props} />
    </QueryProvider>
  );
}

function SuggestionQuery({ query, enabled, onChange }: SuggestionSourceProps) {
  const { data, isError } = useQuery({
    queryKey: ['search', query],
    queryFn: ({ signal }) => fetchSuggestions(query, signal),
    enabled,
    // Keep showing the last results while the next ones load, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
  useEffect(() => onChange({ data, isError }), [data, isError, onChange]);
  return null;
}

async function fetchSuggestions(q: string, signal: AbortSignal): Promise<SearchResponse> {
  const params = new URLSearchParams({ q, limit: String(SUGGESTION_COUNT) });
  // The signal lets React Query abort a request the reader has typed past.
  const response = await fetch(`/api/search?${params}`, { signal });
  if (!response.ok) throw new Error(`GET /api/search answered ${response.status}`);
  return (await response.json()) as SearchResponse;
}
