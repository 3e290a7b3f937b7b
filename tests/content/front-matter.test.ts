import { describe, expect, it } from 'vitest';

import { parseSource } from '@/lib/content/front-matter';
import { ContentError } from '@/lib/content/problems';

function parseError(source: string): ContentError {
  try {
    parseSource(source);
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('expected a ContentError');
}

describe('parseSource', () => {
  it('splits front matter from the body and knows where the body starts', () => {
    const parsed = parseSource(
      '---\ntitle: Hello\nslug: hello\n---\nFirst line\n\n---\n\nAfter a rule\n',
    );
    expect(parsed.data).toEqual({ title: 'Hello', slug: 'hello' });
    expect(parsed.bodyLine).toBe(5);
    expect(parsed.body).toBe('First line\n\n---\n\nAfter a rule\n');
  });

  it('accepts Windows line endings and a byte order mark', () => {
    const parsed = parseSource('\uFEFF---\r\ntitle: Hello\r\n---\r\nBody\r\n');
    expect(parsed.data).toEqual({ title: 'Hello' });
    expect(parsed.body.trim()).toBe('Body');
  });

  it('keeps dates as the strings the pipeline wrote (YAML 1.2 core schema)', () => {
    expect(parseSource("---\ndate: 2022-07-14\nquoted: '2022-07-14'\n---\n").data).toEqual({
      date: '2022-07-14',
      quoted: '2022-07-14',
    });
  });

  it('locates fields by line and column', () => {
    const parsed = parseSource(
      '---\ntitle: Hello\nfeaturedImage:\n  href: a.jpg\n  size: [1, 2]\n---\n',
    );
    expect(parsed.locate(['featuredImage', 'size'])).toEqual({ line: 5, column: 9 });
    expect(parsed.locate(['missing'])).toEqual({ line: 2, column: 1 });
  });

  it('reports files without front matter', () => {
    expect(parseError('# Just markdown\n').message).toMatch(/must start with a front matter block/);
    expect(parseError('---\ntitle: never closed\n').message).toMatch(/never closed/);
  });

  it('reports invalid YAML at its line', () => {
    const error = parseError("---\ntitle: 'ok'\nslug: 'unclosed\ndate: x\n---\nBody\n");
    expect(error.message).toMatch(/not valid YAML/);
    expect(error.line).toBeGreaterThanOrEqual(3);
  });

  it('rejects an alias bomb instead of expanding it', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const error = parseError(`---\ntitle: Bomb\n${levels.join('\n')}\n---\nBody\n`);
    expect(error.message).toMatch(/could not be read: .*alias/i);
  });

  it('does not let __proto__ keys touch any prototype', () => {
    const parsed = parseSource(
      '---\ntitle: Proto\n__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\n---\n',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed.data)).toBe(Object.prototype);
    expect((parsed.data as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parses YAML as data only: custom tags run nothing', () => {
    const parsed = parseSource('---\ntitle: !!js/function "function () { return 1 }"\n---\n');
    expect(typeof (parsed.data as Record<string, unknown>).title).toBe('string');
  });
});
