import { describe, expect, it } from 'vitest';

import { checkPreviewRequest, secretMatches } from '@/lib/preview';

const params = (query: string) => new URLSearchParams(query);

describe('checkPreviewRequest', () => {
  it('says preview is off when no secret is configured', () => {
    expect(checkPreviewRequest(params('secret=x&slug=a'), undefined)).toMatchObject({
      ok: false,
      status: 503,
    });
    expect(checkPreviewRequest(params('secret=&slug=a'), '')).toMatchObject({
      ok: false,
      status: 503,
    });
  });

  it('refuses a missing, wrong, empty or repeated secret with 401', () => {
    for (const query of [
      'slug=a',
      'secret=wrong&slug=a',
      'secret=&slug=a',
      'secret=s3cret&secret=s3cret&slug=a',
      'secret=S3CRET&slug=a',
    ]) {
      expect(checkPreviewRequest(params(query), 's3cret'), query).toMatchObject({
        ok: false,
        status: 401,
      });
    }
  });

  it('refuses an empty, repeated or path-like slug with 400', () => {
    for (const query of [
      'secret=s3cret&slug=',
      'secret=s3cret&slug=a&slug=b',
      'secret=s3cret&slug=%2F%2Fevil.example',
      'secret=s3cret&slug=../x',
    ]) {
      expect(checkPreviewRequest(params(query), 's3cret'), query).toMatchObject({
        ok: false,
        status: 400,
      });
    }
  });

  it('accepts the right secret without a slug, for the editors’ page', () => {
    expect(checkPreviewRequest(params('secret=s3cret'), 's3cret')).toEqual({
      ok: true,
      slug: null,
    });
  });

  it('accepts the right secret and one slug', () => {
    expect(checkPreviewRequest(params('secret=s3cret&slug=my-draft'), 's3cret')).toEqual({
      ok: true,
      slug: 'my-draft',
    });
  });
});

describe('secretMatches', () => {
  it('compares whole secrets, whatever their lengths', () => {
    expect(secretMatches('abc', 'abc')).toBe(true);
    expect(secretMatches('abcd', 'abc')).toBe(false);
    expect(secretMatches('', 'abc')).toBe(false);
    expect(secretMatches(undefined, 'abc')).toBe(false);
  });
});
