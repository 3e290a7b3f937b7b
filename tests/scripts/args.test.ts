import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseFlags, UsageError, wholeNumber } from '@/scripts/lib/args';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('parseFlags', () => {
  const options = { out: { type: 'string' }, hostile: { type: 'boolean' } } as const;

  it('reads the flags it is given', () => {
    expect(parseFlags(['--out', 'dir', '--hostile'], options).values).toEqual({
      out: 'dir',
      hostile: true,
    });
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--out'], /'--out <value>' argument missing/],
    [['--hostile=yes'], /'--hostile' does not take an argument/],
    [['stray'], /Unexpected argument 'stray'/],
    [['--out', 'a', '--out', 'b'], /^--out is given more than once$/],
  ])('refuses %j with a message that names the flag', (args, message) => {
    expect(() => parseFlags(args, options)).toThrow(UsageError);
    expect(() => parseFlags(args, options)).toThrow(message);
  });

  it('takes positional arguments only when asked to', () => {
    expect(parseFlags(['a', 'b'], {}, { positionals: true }).positionals).toEqual(['a', 'b']);
  });
});

describe('wholeNumber', () => {
  it('reads a whole number within its range', () => {
    expect(wholeNumber('--articles', '20', 20, 1000)).toBe(20);
    expect(wholeNumber('--articles', '1000', 20, 1000)).toBe(1000);
  });

  it.each(['abc', '', '1.5', '-3', '1e3', '19', '1001'])(
    'refuses %j, naming the flag, the range and the value',
    (text) => {
      expect(() => wholeNumber('--articles', text, 20, 1000)).toThrow(
        new UsageError(`--articles must be a whole number from 20 to 1000 (got '${text}')`),
      );
    },
  );
});

describe('the scripts that read their flags through scripts/lib/args.ts', () => {
  it.each([
    ['generate-corpus.ts', ['--out', '/tmp/unused', '--articles', 'abc'], '--articles'],
    ['verify-corpus.ts', ['--articles', 'abc'], '--articles'],
    ['bench-search.ts', ['--runs', 'abc'], '--runs'],
    ['content-check.ts', ['--strict'], '--strict'],
    ['audit-seo.ts', ['--port', '1'], '--port'],
    ['make-sample-images.ts', ['--all'], '--all'],
  ])('%s stops on a bad flag with exit 2 and a message naming it', (script, args, flag) => {
    // As `npm run bench:search` runs it: lib/search is server-only code.
    const conditions = script === 'bench-search.ts' ? ['--conditions=react-server'] : [];
    const run = spawnSync(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      [...conditions, path.join('scripts', script), ...args],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).toContain(flag);
    expect(run.stderr).toMatch(/^usage: /m);
    expect(run.status).toBe(2);
  });
});
