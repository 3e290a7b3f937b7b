/**
 * The scripts' command lines, read one way: node:util `parseArgs` in strict mode, and number
 * flags checked with an error that names the flag and what it takes.
 */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command line a script cannot run with; the message names the flag and what it expects. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Reads `args` strictly: an unknown flag, a flag without its value, a stray argument (unless
 * `positionals`) or a flag given twice is a UsageError.
 */
export function parseFlags<const O extends Options>(
  args: string[],
  options: O,
  { positionals = false } = {},
) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options,
      strict: true,
      allowPositionals: positionals,
      tokens: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const given = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || options[token.name]?.multiple) continue;
    // parseArgs keeps the last of two values; a second one is more likely a slip than a choice.
    if (given.has(token.name)) throw new UsageError(`--${token.name} is given more than once`);
    given.add(token.name);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/** The value of a number flag: a whole number from `min` to `max`. */
export function wholeNumber(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got '${text}')`);
  }
  return Number(text);
}

/**
 * Reads this process's command line with `read`. On a UsageError it prints the message and
 * the usage line and exits 2, as a shell expects of a bad command line.
 */
export function readCommandLine<T>(usage: string, read: (args: string[]) => T): T {
  try {
    return read(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const script = path.basename(process.argv[1] ?? 'script', '.ts');
    console.error(`${script}: ${error.message}\n${usage}`);
    process.exit(2);
  }
}
