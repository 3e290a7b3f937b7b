/** The bench's flags, read with Node's own parser: unknown flags and bad values are errors. */
import { parseArgs as parseFlags } from 'node:util';

import { MAX_ARTICLES } from '../lib/corpus';

export interface Args {
  articles: number[];
  seconds: number;
  skipLighthouse: boolean;
  /** The portal listens here; nginx and the empty app on the next ports, Chromium after them. */
  port: number;
  /** The response cache's bound for the sitemap sweep, in MB. */
  cacheMb: number;
}

export const USAGE =
  'usage: npm run bench -- [--articles 1000[,10000]] [--seconds 10] [--skip-lighthouse] [--port 3220] [--cache-mb 64]';

export class UsageError extends Error {}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got '${text}')`);
  }
  return Number(text);
}

export function parseArgs(argv: string[]): Args {
  let values;
  try {
    ({ values } = parseFlags({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        articles: { type: 'string', default: '1000' },
        seconds: { type: 'string', default: '10' },
        port: { type: 'string', default: '3220' },
        'cache-mb': { type: 'string', default: '64' },
        'skip-lighthouse': { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const articles = values.articles
    .split(',')
    .map((text) => wholeNumber('--articles', text.trim(), 1, MAX_ARTICLES));
  return {
    articles: [...new Set(articles)],
    seconds: wholeNumber('--seconds', values.seconds, 1, 600),
    skipLighthouse: values['skip-lighthouse'],
    port: wholeNumber('--port', values.port, 1024, 65_530),
    cacheMb: wholeNumber('--cache-mb', values['cache-mb'], 1, 65_536),
  };
}
