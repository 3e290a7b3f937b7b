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

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const values = new Map<string, string>();
  let hostile = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    if (flag === '--hostile') {
      if (eq !== -1) throw new UsageError('--hostile takes no value');
      hostile = true;
      continue;
    }
    if (flag === '--out' || flag === '--articles' || flag === '--seed' || flag === '--now') {
      if (values.has(flag)) throw new UsageError(`${flag} is given more than once`);
      let value: string | undefined;
      if (eq !== -1) {
        value = arg.slice(eq + 1);
      } else {
        value = argv[i + 1];
        i++;
      }
      if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) {
        throw new UsageError(`${flag} needs a value`);
      }
      values.set(flag, value);
      continue;
    }
    throw new UsageError(
      arg.startsWith('-') ? `unknown flag ${flag}` : `unexpected argument '${arg}'`,
    );
  }

  const out = values.get('--out');
  if (out === undefined) throw new UsageError('--out is required');

  const articlesText = values.get('--articles');
  if (articlesText === undefined) throw new UsageError('--articles is required');
  if (
    !/^\d+$/.test(articlesText) ||
    Number(articlesText) < 1 ||
    Number(articlesText) > MAX_ARTICLES
  ) {
    throw new UsageError(
      `--articles must be a whole number from 1 to ${MAX_ARTICLES} (got '${articlesText}')`,
    );
  }

  const seedText = values.get('--seed');
  let seed = DEFAULT_SEED;
  if (seedText !== undefined) {
    if (!/^\d+$/.test(seedText) || Number(seedText) > 0xffffffff) {
      throw new UsageError(
        `--seed must be a whole number from 0 to 4294967295 (got '${seedText}')`,
      );
    }
    seed = Number(seedText);
  }

  const nowText = values.get('--now');
  let now = DEFAULT_NOW;
  if (nowText !== undefined) {
    now = new Date(nowText);
    if (!/^\d{4}-\d{2}-\d{2}/.test(nowText) || Number.isNaN(now.getTime())) {
      throw new UsageError(`--now must be an ISO 8601 date such as 2026-11-01 (got '${nowText}')`);
    }
  }

  return { out, articles: Number(articlesText), seed, hostile, now };
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`generate-corpus: ${error.message}\n${USAGE}`);
      process.exit(2);
    }
    throw error;
  }

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
