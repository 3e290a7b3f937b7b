'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import {
  useEffect,
  useId,
  useRef,
  useState,
  type ComponentType,
  type FocusEvent,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';

import { formatDate } from '@/lib/format';
import { MAX_QUERY_LENGTH, searchPath } from '@/lib/search/query';
import type { SearchHit, SearchResponse } from '@/lib/search/types';

import { HighlightedText } from './highlighted-text';
import type { Suggestions, SuggestionSourceProps } from './suggestion-source';
import { resultCount, TYPE_LABELS } from './type-labels';
import { SEARCH_PATH } from '@/lib/routes';

const DEBOUNCE_MS = 150;
/** One letter matches too much to be worth a request. */
const MIN_QUERY_LENGTH = 2;

/**
 * The header's search: a GET form to /search that works without JavaScript. Once hydrated it
 * is a combobox (ARIA 1.2 pattern): results appear while typing, arrow keys move through
 * them, Enter opens the active one (or submits the form when none is), Escape closes the list
 * and then clears the box. On the results page it shows no list; instead typing keeps the
 * page's URL, and so its results, in step with the box.
 *
 * What fetches and caches suggestions (React Query) is loaded the first time the reader points
 * at, focuses or types in the box, so a page that nobody searches from does not download it.
 */
export function SearchBox() {
  return usePathname() === SEARCH_PATH ? (
    <ResultsPageSearchBox />
  ) : (
    <SearchCombobox urlQuery="" onResultsPage={false} />
  );
}

/**
 * Only the results page shows the URL's query in the box. Reading the query anywhere else would
 * make every cached page render the box in the browser instead of in its HTML, swapping the
 * input (and what a reader already typed in it) when the page hydrates.
 */
function ResultsPageSearchBox() {
  return <SearchCombobox urlQuery={useSearchParams().get('q') ?? ''} onResultsPage />;
}

function SearchCombobox({ urlQuery, onResultsPage }: { urlQuery: string; onResultsPage: boolean }) {
  const router = useRouter();

  const [value, setValue] = useState(urlQuery);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [seenUrlQuery, setSeenUrlQuery] = useState(urlQuery);
  /** Queries this box has written to the URL that the URL has not shown yet. */
  const [written, setWritten] = useState<string[]>([]);
  const syncTimer = useRef<number | undefined>(undefined);

  if (urlQuery !== seenUrlQuery) {
    setSeenUrlQuery(urlQuery);
    const ours = written.indexOf(urlQuery);
    if (ours === -1) {
      // Back, forward, a link or the page's own form: show the query the page shows. A query
      // this box wrote is left alone, as the reader may have typed on since.
      setValue(urlQuery);
      setWritten([]);
    } else {
      setWritten(written.slice(ours + 1));
    }
  }

  useEffect(() => () => window.clearTimeout(syncTimer.current), []);

  const typed = value.trim();
  const debounced = useDebouncedValue(typed, DEBOUNCE_MS);
  const suggesting = !onResultsPage && debounced.length >= MIN_QUERY_LENGTH;
  const [source, loadSource] = useSuggestionSource();
  const [suggestions, setSuggestions] = useState<Suggestions>(NO_SUGGESTIONS);
  const data = suggestions.data;
  const isError = suggestions.isError || source.status === 'failed';

  const showing = suggesting && typed.length >= MIN_QUERY_LENGTH;
  const response = showing ? data : undefined;
  const hits = response?.hits ?? [];
  const expanded = open && showing && (response !== undefined || isError);
  const activeIndex = expanded && active < hits.length ? active : -1;

  const id = useId();
  const listboxId = `${id}-listbox`;
  const optionId = (index: number) => `${id}-option-${index}`;

  useEffect(() => {
    if (activeIndex < 0) return;
    document.getElementById(`${id}-option-${activeIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [id, activeIndex]);

  function change(next: string) {
    loadSource();
    setValue(next);
    setActive(-1);
    setOpen(true);
    if (onResultsPage) syncUrl(next);
  }

  /** Debounced `router.replace` of the results page's `q`, keeping its other filters. */
  function syncUrl(next: string) {
    window.clearTimeout(syncTimer.current);
    syncTimer.current = window.setTimeout(() => {
      const params = new URLSearchParams(window.location.search);
      const q = next.trim();
      if ((params.get('q') ?? '') === q) return;
      if (q) params.set('q', q);
      else params.delete('q');
      params.delete('page');
      setWritten((list) => [...list.slice(-9), q]);
      const search = params.toString();
      router.replace(search ? `${SEARCH_PATH}?${search}` : SEARCH_PATH, { scroll: false });
    }, DEBOUNCE_MS);
  }

  function close() {
    setOpen(false);
    setActive(-1);
  }

  function openHit(hit: SearchHit) {
    close();
    router.push(hit.url);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (!showing || hits.length === 0) return;
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        if (!expanded) {
          setOpen(true);
          setActive(step === 1 ? 0 : hits.length - 1);
          return;
        }
        // Past either end the focus returns to the text, as in most search boxes.
        const positions = hits.length + 1;
        setActive(((activeIndex + 1 + step + positions) % positions) - 1);
        return;
      }
      case 'Enter': {
        const hit = hits[activeIndex];
        if (hit) {
          event.preventDefault();
          openHit(hit);
        }
        // Otherwise the form submits to the results page.
        return;
      }
      case 'Escape': {
        event.preventDefault();
        if (expanded) close();
        else if (value) change('');
        return;
      }
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    window.clearTimeout(syncTimer.current);
    close();
    if (typed) router.push(searchPath({ q: typed }));
  }

  function onBlur(event: FocusEvent<HTMLDivElement>) {
    if (!event.currentTarget.contains(event.relatedTarget)) close();
  }

  return (
    <div className="relative w-full" onBlur={onBlur} onPointerEnter={loadSource}>
      {source.status === 'ready' && (
        <source.Source query={debounced} enabled={suggesting} onChange={setSuggestions} />
      )}
      <SearchForm onSubmit={onSubmit}>
        {/* A text input: HTML does not allow the combobox role on type="search". The
            keyboard still offers a search key (inputMode, enterKeyHint). */}
        <input
          type="text"
          inputMode="search"
          name="q"
          value={value}
          onChange={(event) => change(event.target.value)}
          onKeyDown={onKeyDown}
          onFocus={() => {
            loadSource();
            setOpen(true);
          }}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
          {...INPUT_PROPS}
        />
      </SearchForm>
      <div role="status" aria-live="polite" aria-atomic="true" className="sr-only">
        {expanded ? announcement(response, isError) : ''}
      </div>
      <div
        hidden={!expanded}
        className="absolute inset-x-0 top-full z-40 mt-1 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-lg"
      >
        <ul
          id={listboxId}
          role="listbox"
          hidden={hits.length === 0}
          aria-label="Search suggestions"
          className="max-h-[min(28rem,70vh)] overflow-y-auto py-1"
        >
          {hits.map((hit, index) => (
            // Keyboard users reach options through the input (aria-activedescendant); the
            // pointer handlers are the mouse's way to the same choice.
            // eslint-disable-next-line jsx-a11y/click-events-have-key-events
            <li
              key={hit.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              // Keeps the focus in the input, so the list does not close before the click.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => openHit(hit)}
              className={`cursor-pointer px-3 py-2 ${index === activeIndex ? 'bg-brand-50' : 'hover:bg-slate-50'}`}
            >
              <span className="block text-sm font-medium text-slate-900">
                <HighlightedText segments={hit.titleHighlight} />
              </span>
              <span className="block text-xs text-slate-600">{hitLine(hit)}</span>
            </li>
          ))}
        </ul>
        {(isError || response) && (
          <p className={`px-3 py-2 text-sm ${hits.length > 0 ? 'border-t border-slate-200' : ''}`}>
            {!response ? (
              <span className="text-slate-600">
                Search is not available right now. Press Enter to search on the results page.
              </span>
            ) : response.total === 0 ? (
              <span className="text-slate-600">No results for “{response.query.q}”.</span>
            ) : (
              <Link
                href={searchPath({ q: response.query.q })}
                onClick={close}
                className="font-medium text-brand-700 underline-offset-2 hover:underline"
              >
                See all {countText(response)}
              </Link>
            )}
          </p>
        )}
      </div>
    </div>
  );
}

const INPUT_PROPS = {
  'aria-label': 'Search the site',
  placeholder: 'Search news, offerings, topics',
  maxLength: MAX_QUERY_LENGTH,
  autoComplete: 'off',
  autoCorrect: 'off',
  spellCheck: false,
  enterKeyHint: 'search',
  className:
    'w-full min-w-0 rounded-l-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 placeholder:text-slate-500 focus:border-brand-600 sm:text-sm',
} as const;

/**
 * The form both states share: a labelled input and a submit button, a plain GET to /search.
 */
function SearchForm({
  children,
  onSubmit,
}: {
  children: ReactNode;
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
}) {
  return (
    <form
      action={SEARCH_PATH}
      method="get"
      role="search"
      aria-label="Site"
      onSubmit={onSubmit}
      className="flex w-full"
    >
      {children}
      <button
        type="submit"
        className="grid shrink-0 place-items-center rounded-r-md border border-l-0 border-brand-700 bg-brand-700 px-3 text-white hover:bg-brand-800"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="currentColor">
          <path
            fillRule="evenodd"
            d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.08 3.08a.75.75 0 1 1-1.06 1.06l-3.08-3.08A7 7 0 0 1 2 9Z"
            clipRule="evenodd"
          />
        </svg>
        <span className="sr-only">Search</span>
      </button>
    </form>
  );
}

function useDebouncedValue<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

const NO_SUGGESTIONS: Suggestions = { data: undefined, isError: false };

type SourceState =
  { status: 'idle' | 'failed' } | { status: 'ready'; Source: ComponentType<SuggestionSourceProps> };

/**
 * The suggestion source's module, imported on first use. A failed import (offline, a deploy
 * that replaced the chunk) leaves the box a plain form that says search is unavailable here.
 */
function useSuggestionSource(): [SourceState, () => void] {
  const [state, setState] = useState<SourceState>({ status: 'idle' });
  // A ref, not the state: pointer, focus and the first keystroke can all ask before it loads.
  const started = useRef(false);
  function load() {
    if (started.current) return;
    started.current = true;
    import('./suggestion-source').then(
      (module) => setState({ status: 'ready', Source: module.SuggestionSource }),
      () => setState({ status: 'failed' }),
    );
  }
  return [state, load];
}

/** What the live region says once the list is open. */
function announcement(response: SearchResponse | undefined, isError: boolean): string {
  if (!response) {
    return isError
      ? 'Search is not available right now. Press Enter to search on the results page.'
      : '';
  }
  if (response.total === 0) return `No results for ${response.query.q}.`;
  return `${countText(response)}. Use the up and down arrow keys to choose one.`;
}

function countText(response: SearchResponse): string {
  return resultCount(response.total, response.exact);
}

function hitLine(hit: SearchHit): string {
  const parts: string[] = [TYPE_LABELS[hit.type].one];
  if (hit.publishedAt) parts.push(formatDate(hit.publishedAt));
  if (hit.detail) parts.push(hit.detail);
  return parts.join(' · ');
}
