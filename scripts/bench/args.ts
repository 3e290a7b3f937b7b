/** The bench's flags (scripts/lib/args.ts: unknown flags and bad values are errors). */
import { parseFlags, wholeNumber } from '../lib/args';
import { MAX_ARTICLES } from '../lib/corpus';

export interface Args {
  articles: number[];
  seconds: number;
  skipLighthouse: boolean;
  /** The portal listens here; nginx, the empty app and Chromium on the next three ports. */
  port: number;
  /** The response cache's bound for the sitemap sweep, in MB. */
  cacheMb: number;
  /** At most this many sitemap URLs in the sweep (each is a render the first time). */
  sweep: number;
  /** Serve the build already in the bench's folder instead of timing two builds. */
  reuseBuild: boolean;
}

export const USAGE =
  'usage: npm run bench -- [--articles 1000[,10000]] [--seconds 10] [--skip-lighthouse] [--port 3220] [--cache-mb 64] [--sweep 1000000] [--reuse-build]';

export function readArgs(argv: string[]): Args {
  const { values } = parseFlags(argv, {
    articles: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '10' },
    port: { type: 'string', default: '3220' },
    'cache-mb': { type: 'string', default: '64' },
    sweep: { type: 'string', default: '1000000' },
    'skip-lighthouse': { type: 'boolean', default: false },
    'reuse-build': { type: 'boolean', default: false },
  });
  const articles = values.articles
    .split(',')
    .map((text) => wholeNumber('--articles', text.trim(), 1, MAX_ARTICLES));
  return {
    articles: [...new Set(articles)],
    seconds: wholeNumber('--seconds', values.seconds, 1, 600),
    skipLighthouse: values['skip-lighthouse'],
    port: wholeNumber('--port', values.port, 1024, 65_530),
    cacheMb: wholeNumber('--cache-mb', values['cache-mb'], 1, 65_536),
    sweep: wholeNumber('--sweep', values.sweep, 1, 10_000_000),
    reuseBuild: values['reuse-build'],
  };
}
