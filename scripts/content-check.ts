/**
 * Checks a content folder against the contract and prints each problem as
 * `file:line:column  error|warning  message`, then a summary. Exits 1 when there is an error.
 * The build runs the same checks (`npm run content:index`) and prints the same messages.
 *
 *   npm run content:check [-- DIR]      (default: $CONTENT_DIR, else ./content)
 */
import path from 'node:path';

import { contentDir } from '../lib/content/files';
import { formatProblem } from '../lib/content/problems';
import { pluralize } from '../lib/format';

import { parseFlags, readCommandLine, UsageError } from './lib/args';
import { databaseFor, indexFolder } from './lib/content-db';

const folder = readCommandLine('usage: npm run content:check [-- DIR]', (args) => {
  const { positionals } = parseFlags(args, {}, { positionals: true });
  if (positionals.length > 1) throw new UsageError('takes one folder at most');
  return positionals[0];
});
const dir = folder ? path.resolve(folder) : contentDir();

try {
  // The site's own folder is checked in the site's database: what it holds is what it serves.
  const { problems, counts } = await indexFolder(dir, databaseFor(dir, dir === contentDir()));
  for (const problem of problems) console.log(formatProblem(problem));
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  if (problems.length > 0) console.log('');
  const loaded = [
    pluralize(counts.articles, 'article'),
    pluralize(counts.topics, 'topic'),
    pluralize(counts.offerings, 'offering'),
    pluralize(counts.authors, 'author'),
  ];
  console.log(
    `${dir}: ${loaded.join(', ')}; ${pluralize(errors, 'error')}, ${pluralize(problems.length - errors, 'warning')}`,
  );
  process.exit(errors > 0 ? 1 : 0);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
