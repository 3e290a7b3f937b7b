import { describe, expect, it } from 'vitest';

import {
  DEFAULT_LIMIT,
  EMPTY_QUERY,
  MAX_QUERY_LENGTH,
  parseSearchParams,
  parseSearchQueryString,
  searchPath,
} from '@/lib/search/query';

function error(search: string) {
  const parsed = parseSearchQueryString(search);
  if (parsed.ok) throw new Error(`expected ${search.slice(0, 60)} to be refused`);
  return parsed.error;
}

function query(search: string) {
  const parsed = parseSearchQueryString(search);
  if (!parsed.ok) throw new Error(`${search}: ${parsed.error.message}`);
  return parsed.query;
}

describe('parseSearchQueryString', () => {
  it('reads and trims the parameters, with defaults for the absent ones', () => {
    expect(
      query('?q=+remote%20care+&type=article&topic=medigy-telehealth&page=2&limit=20'),
    ).toEqual({
      q: 'remote care',
      type: 'article',
      topic: 'medigy-telehealth',
      page: 2,
      limit: 20,
    });
    expect(query('')).toEqual(EMPTY_QUERY);
    expect(query('?')).toEqual(EMPTY_QUERY);
    expect(query('q=')).toEqual(EMPTY_QUERY);
    expect(EMPTY_QUERY.limit).toBe(DEFAULT_LIMIT);
  });

  it('treats empty filters, as a plain form sends them, as absent', () => {
    expect(query('q=x&type=&topic=&page=&limit=')).toEqual({ ...EMPTY_QUERY, q: 'x' });
  });

  it('keeps regex-looking text as text', () => {
    expect(query(`q=${encodeURIComponent('(.*)+ [a-z]{2,} \\d $^')}`).q).toBe(
      '(.*)+ [a-z]{2,} \\d $^',
    );
  });

  it('accepts a query of exactly the maximum length and refuses a longer one', () => {
    expect(query(`q=${'a'.repeat(MAX_QUERY_LENGTH)}`).q).toHaveLength(MAX_QUERY_LENGTH);
    expect(query(`q=${encodeURIComponent('é'.repeat(MAX_QUERY_LENGTH))}`).q).toHaveLength(
      MAX_QUERY_LENGTH,
    );
    expect(error(`q=${'a'.repeat(MAX_QUERY_LENGTH + 1)}`)).toEqual({
      parameter: 'q',
      message: `q must be at most ${MAX_QUERY_LENGTH} characters`,
    });
  });

  it('refuses a 100 KB query without decoding it', () => {
    expect(error(`q=${'%41'.repeat(34_000)}`).parameter).toBe('q');
    expect(error(`q=${'a'.repeat(100_000)}`).parameter).toBe('q');
  });

  it('refuses percent-encoding that is not UTF-8', () => {
    for (const bad of ['%FF', '%C3', '%ED%A0%80', '%E2%82', '%', '%G1']) {
      expect(error(`q=${bad}`), bad).toEqual({
        parameter: 'q',
        message: 'q is not valid UTF-8 (check its percent-encoding)',
      });
    }
    expect(error('page=%FF').parameter).toBe('page');
  });

  it('refuses U+FFFD, which is what Next makes of bad UTF-8 before a route sees the URL', () => {
    expect(error('q=caf%EF%BF%BD').parameter).toBe('q');
    expect(parseSearchParams({ q: 'caf\uFFFD' })).toMatchObject({
      ok: false,
      error: { parameter: 'q' },
    });
  });

  it('refuses a parameter given twice, naming it', () => {
    expect(error('q=a&q=b')).toEqual({
      parameter: 'q',
      message: 'q is given 2 times; give it once',
    });
    expect(error('q=a&type=topic&type=topic').parameter).toBe('type');
    expect(error('q=a&%71=b').parameter).toBe('q');
  });

  it('ignores unknown parameters, even repeated or badly encoded', () => {
    expect(query('q=a&utm_source=x&utm_source=y&ref=%FF&%FF=1')).toEqual({
      ...EMPTY_QUERY,
      q: 'a',
    });
  });

  it.each([
    ['page=-1', 'page'],
    ['page=0', 'page'],
    ['page=1001', 'page'],
    ['page=1.5', 'page'],
    ['page=01', 'page'],
    ['page=1e3', 'page'],
    ['page=abc', 'page'],
    ['page=99999999999999999999', 'page'],
    ['limit=0', 'limit'],
    ['limit=51', 'limit'],
    ['limit=100000', 'limit'],
    ['limit=-5', 'limit'],
    ['type=articles', 'type'],
    ['type=ARTICLE', 'type'],
    ['topic=Medigy%20Telehealth', 'topic'],
    ['topic=..%2F..%2Fetc', 'topic'],
    [`topic=${'a'.repeat(201)}`, 'topic'],
  ])('refuses %s', (search, parameter) => {
    const refused = error(`q=x&${search}`);
    expect(refused.parameter).toBe(parameter);
    expect(refused.message).toMatch(new RegExp(`^${parameter} `));
  });

  it('accepts the largest page and limit', () => {
    expect(query('page=1000&limit=50')).toMatchObject({ page: 1000, limit: 50 });
  });
});

describe('parseSearchParams', () => {
  it('applies the same rules to the values Next has already decoded', () => {
    expect(parseSearchParams({ q: ' telehealth ', page: '3', other: ['a', 'b'] })).toEqual({
      ok: true,
      query: { ...EMPTY_QUERY, q: 'telehealth', page: 3 },
    });
    expect(parseSearchParams({ q: ['a', 'b'] })).toEqual({
      ok: false,
      error: { parameter: 'q', message: 'q is given 2 times; give it once' },
    });
    expect(parseSearchParams({ page: '-1' })).toMatchObject({
      ok: false,
      error: { parameter: 'page' },
    });
    expect(parseSearchParams({ q: 'x'.repeat(100_000) })).toMatchObject({
      ok: false,
      error: { parameter: 'q' },
    });
    expect(parseSearchParams({})).toEqual({ ok: true, query: EMPTY_QUERY });
  });
});

describe('searchPath', () => {
  it('writes only what differs from the defaults, and reads back the same query', () => {
    expect(searchPath({})).toBe('/search');
    expect(searchPath({ ...EMPTY_QUERY, q: 'a&b c' })).toBe('/search?q=a%26b+c');
    const full = {
      q: 'remote care',
      type: 'topic',
      topic: 'medigy-ai',
      page: 3,
      limit: 20,
    } as const;
    expect(query(searchPath(full).replace('/search', ''))).toEqual(full);
  });
});
