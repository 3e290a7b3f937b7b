/**
 * Writes a synthetic content folder for benchmarks and tests.
 *
 *   npx tsx scripts/generate-corpus.ts --out DIR --articles N [--seed S] [--hostile] [--now ISO]
 *
 * DIR is created, or emptied when it holds an earlier generated corpus (a `.generated-corpus`
 * marker); any other non-empty folder is refused. The summary goes to DIR/corpus-manifest.json.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { parseFlags, readCommandLine, UsageError, wholeNumber } from './lib/args';
import {
  DEFAULT_NOW,
  DEFAULT_SEED,
  MAX_ARTICLES,
  generateCorpus,
  prepareOutputDir,
} from './lib/corpus';

const USAGE =
  'usage: npx tsx scripts/generate-corpus.ts --out DIR --articles N [--seed S] [--hostile] [--now ISO-DATE]';

interface Args {
  out: string;
  articles: number;
  seed: number;
  hostile: boolean;
  now: Date;
}

function isoDate(flag: string, text: string): Date {
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) {
    throw new UsageError(`${flag} must be an ISO 8601 date such as 2026-11-01 (got '${text}')`);
  }
  return date;
}

function parseCommandLine(args: string[]): Args {
  const { values } = parseFlags(args, {
    out: { type: 'string' },
    articles: { type: 'string' },
    seed: { type: 'string' },
    hostile: { type: 'boolean', default: false },
    now: { type: 'string' },
  });
  if (!values.out) throw new UsageError('--out is required: the folder to write');
  if (values.articles === undefined) throw new UsageError('--articles is required');
  return {
    out: values.out,
    articles: wholeNumber('--articles', values.articles, 1, MAX_ARTICLES),
    seed:
      values.seed === undefined ? DEFAULT_SEED : wholeNumber('--seed', values.seed, 0, 0xffffffff),
    hostile: values.hostile,
    now: values.now === undefined ? DEFAULT_NOW : isoDate('--now', values.now),
  };
}

async function main(): Promise<void> {
  const args = readCommandLine(USAGE, parseCommandLine);
  const dir = path.resolve(args.out);
  try {
    await prepareOutputDir(dir);
  } catch (error) {
    console.error(
      `generate-corpus: --out ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(2);
  }

  const started = performance.now();
  const summary = await generateCorpus({
    dir,
    articles: args.articles,
    seed: args.seed,
    hostile: args.hostile,
    now: args.now,
  });
  await writeFile(path.join(dir, 'corpus-manifest.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const seconds = (performance.now() - started) / 1000;

  console.log(
    `generated ${dir}: articles=${summary.articles} topics=${summary.topics} offerings=${summary.offerings} ` +
      `images=${summary.images} hostile=${summary.hostile.length} seconds=${seconds.toFixed(2)}`,
  );
}

main().catch((error: unknown) => {
  console.error(
    `generate-corpus: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
