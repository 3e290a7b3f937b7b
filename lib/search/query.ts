/**
 * The one place search parameters are read and validated, for the API route (from the raw
 * query string) and the /search page (from Next's parsed searchParams). Pure: the browser's
 * search box uses the limits and `searchPath` too.
 *
 * Rules: `q` is trimmed and at most MAX_QUERY_LENGTH UTF-16 units (longer is refused rather
 * than cut, so a reader never sees results for a query they did not type); `type` is one of
 * SEARCH_TYPES; `topic` is a slug; `page` is 1 to MAX_PAGE; `limit` is 1 to MAX_LIMIT. An
 * empty value counts as absent, as a plain form sends `type=` for "any". A known parameter
 * given twice, or one that is not valid UTF-8 once decoded, is refused; unknown parameters
 * are ignored.
 */
import { SEARCH_TYPES, type SearchQuery, type SearchType } from './types';
import { SEARCH_PATH } from '@/lib/routes';

export const MAX_QUERY_LENGTH = 200;
export const MAX_PAGE = 1000;
export const MAX_LIMIT = 50;
export const DEFAULT_LIMIT = 10;

const PARAMETERS = ['q', 'type', 'topic', 'page', 'limit'] as const;
type Parameter = (typeof PARAMETERS)[number];

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_SLUG_LENGTH = 200;
/**
 * A longer raw value cannot decode to MAX_QUERY_LENGTH units: percent-encoded, one UTF-16 unit
 * takes at most 9 characters (a 3-byte UTF-8 sequence).
 */
const MAX_ENCODED_LENGTH = MAX_QUERY_LENGTH * 9;

export interface SearchParamError {
  /** The offending parameter's name. */
  parameter: string;
  message: string;
}

export type ParsedSearch =
  { ok: true; query: SearchQuery } | { ok: false; error: SearchParamError };

export const EMPTY_QUERY: SearchQuery = {
  q: '',
  type: null,
  topic: null,
  page: 1,
  limit: DEFAULT_LIMIT,
};

/** From a raw query string such as `request.url`'s `search` (with or without the `?`). */
export function parseSearchQueryString(search: string): ParsedSearch {
  const values = new Map<Parameter, string[]>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (!pair) continue;
    const equals = pair.indexOf('=');
    const rawName = equals === -1 ? pair : pair.slice(0, equals);
    const rawValue = equals === -1 ? '' : pair.slice(equals + 1);
    const name = decodeComponent(rawName);
    if (name === null || !isParameter(name)) continue;
    // Refused before decoding so a huge value costs nothing.
    if (rawValue.length > MAX_ENCODED_LENGTH) return tooLong(name);
    const value = decodeComponent(rawValue);
    if (value === null) return notUtf8(name);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return validate(values);
}

/** From Next's `searchParams` object, which has already decoded the values. */
export function parseSearchParams(
  params: Record<string, string | string[] | undefined>,
): ParsedSearch {
  const values = new Map<Parameter, string[]>();
  for (const name of PARAMETERS) {
    if (!Object.hasOwn(params, name)) continue;
    const value = params[name];
    if (value !== undefined) values.set(name, Array.isArray(value) ? value : [value]);
  }
  return validate(values);
}

function validate(values: Map<Parameter, string[]>): ParsedSearch {
  const query = { ...EMPTY_QUERY };
  for (const [name, list] of values) {
    if (list.length > 1) {
      return failure(name, `${name} is given ${list.length} times; give it once`);
    }
    const value = list[0] ?? '';
    // Next decodes bad UTF-8 in the URL to U+FFFD before a route sees it; nothing else puts it there.
    if (value.includes('\uFFFD')) return notUtf8(name);
    switch (name) {
      case 'q': {
        const q = value.trim();
        if (q.length > MAX_QUERY_LENGTH) return tooLong(name);
        query.q = q;
        break;
      }
      case 'type': {
        if (value === '') break;
        if (!isSearchType(value)) {
          return failure(name, `type must be one of ${SEARCH_TYPES.join(', ')}`);
        }
        query.type = value;
        break;
      }
      case 'topic': {
        if (value === '') break;
        if (value.length > MAX_SLUG_LENGTH || !SLUG.test(value)) {
          return failure(name, 'topic must be a topic slug such as medigy-telehealth');
        }
        query.topic = value;
        break;
      }
      case 'page':
      case 'limit': {
        if (value === '') break;
        const max = name === 'page' ? MAX_PAGE : MAX_LIMIT;
        const number = /^[1-9]\d{0,3}$/.test(value) ? Number(value) : NaN;
        if (!(number <= max)) {
          return failure(name, `${name} must be a whole number from 1 to ${max}`);
        }
        query[name] = number;
        break;
      }
    }
  }
  return { ok: true, query };
}

/** `/search?q=…` with only the parameters that differ from their defaults. */
export function searchPath(query: Partial<SearchQuery>): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.type) params.set('type', query.type);
  if (query.topic) params.set('topic', query.topic);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  if (query.limit && query.limit !== DEFAULT_LIMIT) params.set('limit', String(query.limit));
  const search = params.toString();
  return search ? `/search?${search}` : SEARCH_PATH;
}

export function isSearchType(value: string): value is SearchType {
  return (SEARCH_TYPES as readonly string[]).includes(value);
}

function isParameter(name: string): name is Parameter {
  return (PARAMETERS as readonly string[]).includes(name);
}

/** `+` is a space in a query string; null when the percent-encoding is not UTF-8. */
function decodeComponent(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return null;
  }
}

function tooLong(name: Parameter): ParsedSearch {
  return name === 'q'
    ? failure(name, `q must be at most ${MAX_QUERY_LENGTH} characters`)
    : failure(name, `${name} is too long`);
}

function notUtf8(name: Parameter): ParsedSearch {
  return failure(name, `${name} is not valid UTF-8 (check its percent-encoding)`);
}

function failure(parameter: string, message: string): ParsedSearch {
  return { ok: false, error: { parameter, message } };
}
