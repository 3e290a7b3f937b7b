/**
 * Indexes the content folder into the content database the site reads (PostgreSQL when
 * `DATABASE_URL` names it, else SQLite's `CONTENT_DB`, by default `<distDir>/cache/content.db`): only files changed since the last run are parsed and
 * compiled. Prints problems as `file:line:column  error|warning  message`: every error, and the
 * first warnings of the files this run indexed; the other warnings are counted in a line that
 * names `npm run content:check`, which prints them all (see problemReport). Then a summary.
 * A broken file is reported and skipped; the run still succeeds. `npm run build` runs it first.
 *
 *   npm run content:index [-- DIR]      (default: $CONTENT_DIR, else ./content)
 */
import path from 'node:path';

import { contentDir } from '../lib/content/files';
import { problemReport } from '../lib/content/problems';
import { pluralize } from '../lib/format';

import { parseFlags, readCommandLine, UsageError } from './lib/args';
import { indexFolder } from './lib/content-db';
import { contentDatabaseSetting } from '../lib/config';

const folder = readCommandLine('usage: npm run content:index [-- DIR]', (args) => {
  const { positionals } = parseFlags(args, {}, { positionals: true });
  if (positionals.length > 1) throw new UsageError('takes one folder at most');
  return positionals[0];
});
// The site reads CONTENT_DIR; a folder given here is indexed as if CONTENT_DIR named it.
const dir = folder ? path.resolve(folder) : contentDir();

try {
  const { result, problems, counts } = await indexFolder(dir, contentDatabaseSetting());
  const indexed = new Set(result.changedFiles);
  for (const line of problemReport(problems, indexed, checkCommand(dir))) console.warn(line);
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  console.log(
    `content: ${pluralize(counts.articles, 'article')}, ${pluralize(counts.topics, 'topic')}, ${pluralize(counts.offerings, 'offering')}, ${pluralize(counts.authors, 'author')} from ${dir}; ` +
      `${pluralize(errors, 'error')}, ${pluralize(problems.length - errors, 'warning')}; ` +
      `${pluralize(result.parsed, 'file')} parsed in ${result.seconds.toFixed(1)} s`,
  );
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}

/** The command that lists every problem of `contentFolder` from the database this run wrote. */
function checkCommand(contentFolder: string): string {
  if (contentFolder === contentDir()) return '`npm run content:check`';
  const quoted = /^[\w./-]+$/.test(contentFolder)
    ? contentFolder
    : `'${contentFolder.replaceAll("'", `'\\''`)}'`;
  return `\`CONTENT_DIR=${quoted} npm run content:check\``;
}
