import Form from 'next/form';

import { MAX_QUERY_LENGTH } from '@/lib/search/query';

/**
 * The results page's own form: a plain GET to /search (Next's Form turns it into a client-side
 * navigation once scripts run). Keyed on the query so it shows a query the header box changed.
 */
export function SearchForm({ q }: { q: string }) {
  return (
    <Form
      action="/search"
      role="search"
      aria-label="Refine"
      className="flex max-w-2xl flex-col gap-2"
    >
      <label htmlFor="search-page-q" className="text-sm font-medium text-slate-700">
        Search news, offerings and topics
      </label>
      <div className="flex gap-2">
        <input
          key={q}
          id="search-page-q"
          type="search"
          name="q"
          defaultValue={q}
          maxLength={MAX_QUERY_LENGTH}
          autoComplete="off"
          enterKeyHint="search"
          className="w-full min-w-0 rounded-md border border-slate-300 px-3 py-2 text-base focus:border-brand-600"
        />
        <button
          type="submit"
          className="shrink-0 rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
        >
          Search
        </button>
      </div>
    </Form>
  );
}
